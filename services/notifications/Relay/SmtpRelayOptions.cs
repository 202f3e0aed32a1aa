namespace Platform.Notifications.Relay;

/// <summary>How to reach the mail relay that delivers the platform's own mail (section <c>Smtp</c>).</summary>
public sealed class SmtpRelayOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 25;

    /// <summary>
    /// <c>none</c>; <c>opportunistic</c> (STARTTLS when the relay offers it, else clear text); <c>starttls</c> or its
    /// synonym <c>required</c> (no mail goes out in clear); or <c>tls</c> (implicit TLS, port 465).
    /// </summary>
    public string Security { get; set; } = SmtpSecurity.None;

    /// <summary>
    /// With a password, the client authenticates (the best mechanism MailKit and the relay share) — over TLS only,
    /// unless Security is <c>none</c>: an opportunistic session the relay kept in clear text never sends the password.
    /// </summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>A PEM file with the CA a private relay's certificate is issued by (else the system's trust store).</summary>
    public string? CaCertificateFile { get; set; }

    public string HeloName { get; set; } = "localhost";

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long each read and write may take: the greeting, each command and its reply.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the content's writes and the relay's answer to it may each take, from DATA's 354 on (RFC 5321 suggests
    /// 10 minutes for the final dot).
    /// </summary>
    public TimeSpan DataTimeout { get; set; } = TimeSpan.FromMinutes(2);
}

public static class SmtpSecurity
{
    public const string None = "none";
    public const string Opportunistic = "opportunistic";
    public const string StartTls = "starttls";
    public const string Required = "required";
    public const string Tls = "tls";

    public static bool IsValid(string? value) => value is None or Opportunistic or StartTls or Required or Tls;

    /// <summary>Whether the session must switch to TLS with STARTTLS (<c>starttls</c> or <c>required</c>).</summary>
    public static bool RequiresStartTls(string value) => value is StartTls or Required;
}
