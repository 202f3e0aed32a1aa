namespace Platform.DirectorySync.Recipients.Settings;

// How a domain without directory sync verifies recipients, stream recipient-verification/{domain}.

/// <summary>Recipients of the domain are verified by a RCPT TO dialog with its own mail server.</summary>
public sealed record CalloutConfigured(string Domain, string Host, int Port, string Actor, DateTimeOffset At);

/// <summary>The domain no longer verifies by callout.</summary>
public sealed record CalloutRemoved(string Domain, string Actor, DateTimeOffset At);
