namespace Platform.Auth.Mfa;

/// <summary>Second factor settings (section <c>Auth:Mfa</c>).</summary>
public sealed class MfaOptions
{
    public const string Section = "Auth:Mfa";

    /// <summary>The name authenticator apps show above the code.</summary>
    public string Issuer { get; set; } = "Platform";
}
