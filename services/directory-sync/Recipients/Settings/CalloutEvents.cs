namespace Platform.DirectorySync.Recipients.Settings;

/// <summary>How a domain without directory sync verifies recipients, stream <c>recipient-verification/{domain}</c>.</summary>
public abstract record CalloutEvent;

/// <summary>Recipients of the domain are verified by a RCPT TO dialog with its own mail server.</summary>
public sealed record CalloutConfigured(string Domain, string Host, int Port, string Actor, DateTimeOffset At) : CalloutEvent;

/// <summary>The domain no longer verifies by callout.</summary>
public sealed record CalloutRemoved(string Domain, string Actor, DateTimeOffset At) : CalloutEvent;
