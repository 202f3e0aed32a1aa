using Platform.Contracts;

namespace Platform.Auth.Directories;

/// <summary>
/// Auth learned a domain's directory settings from directory-sync (stream <c>directory/{domain}</c>). The event
/// keeps the message as published: the bind password in it is still encrypted.
/// </summary>
public sealed record DirectoryLearned(string Domain, DirectorySettingsChanged Settings)
{
    public static string StreamId(string domain) => $"directory/{domain}";
}
