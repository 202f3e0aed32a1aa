namespace Platform.Auth.Mfa;

/// <summary>Second factor settings (section <c>Auth:Mfa</c>).</summary>
public sealed class MfaOptions
{
    public const string Section = "Auth:Mfa";

    /// <summary>The name authenticator apps show above the code.</summary>
    public string Issuer { get; set; } = "Platform";

    /// <summary>
    /// Wrong codes to confirm or disable the second factor an account may give within <see cref="CodeAttemptWindow"/>
    /// (all its sessions together); then it waits until the window has passed since the last one.
    /// </summary>
    public int CodeAttemptsAllowed { get; set; } = 5;

    public TimeSpan CodeAttemptWindow { get; set; } = TimeSpan.FromMinutes(15);
}
