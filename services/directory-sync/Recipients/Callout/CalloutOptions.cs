namespace Platform.DirectorySync.Recipients.Callout;

/// <summary>SMTP callout settings (section <c>Recipients:Callout</c>).</summary>
public sealed class CalloutOptions
{
    public const string Section = "Recipients:Callout";

    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for each reply, the greeting included.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a Valid answer is believed.</summary>
    public TimeSpan PositiveTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long an Invalid answer is believed.</summary>
    public TimeSpan NegativeTtl { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an Unknown answer (4xx, timeout, server down) is kept; zero keeps none. Short: it only stops a
    /// greylisting or failing server from being asked again for every message.
    /// </summary>
    public TimeSpan UnknownTtl { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The name we give in EHLO/HELO; servers that check it want this host's public FQDN.</summary>
    public string HeloName { get; set; } = CalloutAddresses.IsDomain(Environment.MachineName) ? Environment.MachineName : "localhost";

    /// <summary>The MAIL FROM address; null or empty sends the null sender <c>&lt;&gt;</c>.</summary>
    public string? Sender { get; set; }

    /// <summary>Dialogs open at once with one server, so a customer's server is never flooded.</summary>
    public int MaxConcurrentPerServer { get; set; } = 2;

    /// <summary>How long a callout waits for a free dialog slot before answering Unknown.</summary>
    public TimeSpan QueueTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cached answers at most; the oldest goes first.</summary>
    public int MaxEntries { get; set; } = 100_000;

    internal bool IsValid() =>
        ConnectTimeout > TimeSpan.Zero && CommandTimeout > TimeSpan.Zero && QueueTimeout > TimeSpan.Zero
        && PositiveTtl >= TimeSpan.Zero && NegativeTtl >= TimeSpan.Zero && UnknownTtl >= TimeSpan.Zero
        && MaxConcurrentPerServer > 0 && MaxEntries > 0
        && CalloutAddresses.IsDomain(HeloName)
        && (string.IsNullOrEmpty(Sender) || CalloutAddresses.Refusal(Sender) is null);
}
