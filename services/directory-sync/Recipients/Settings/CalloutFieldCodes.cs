using Platform.Directory.Failures;

namespace Platform.DirectorySync.Recipients.Settings;

/// <summary>
/// The stable code of each refused field of <c>PUT …/recipient-verification</c> (<c>codes</c> beside <c>errors</c>).
/// The panel has words for each in English and German; its tests read this class, so a new code without words fails them.
/// </summary>
public static class CalloutFieldCodes
{
    public const string InvalidHost = "invalid_callout_host";
    public const string InvalidPort = "invalid_callout_port";
    public const string DestinationNotAllowed = DirectoryFailureCodes.DestinationNotAllowed;
}
