namespace Platform.Notifications.Delivery;

/// <summary>How mail is delivered (section <c>Notifications:Delivery</c>); the relay itself is section <c>Smtp</c>.</summary>
public sealed class DeliveryOptions
{
    /// <summary>The sender of a domain that set none.</summary>
    public string DefaultSender { get; set; } = "quarantine@platform.invalid";

    /// <summary>
    /// Further platform-wide senders any domain may choose (<c>Notifications:Delivery:PlatformSenders:0..n</c>); besides
    /// these and <see cref="DefaultSender"/> a domain's sender must be an address of the domain itself.
    /// </summary>
    public IList<string> PlatformSenders { get; init; } = [];

    /// <summary>The default sender and the further platform-wide ones.</summary>
    public IReadOnlyCollection<string> AllPlatformSenders => [DefaultSender, .. PlatformSenders];

    /// <summary>The first wait after a failed attempt; each further one doubles, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long after being queued a mail that keeps failing is given up (NotificationFailed).</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// How long a replica may hold a mail it is sending before another may take it over; at least the longest an
    /// attempt can take under the link and relay timeouts (see <see cref="DeliveryDecisions.Lease"/>).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Mails sent at once by a replica, each on a relay connection of its own.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>Mails a lane claims at a time.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>How often a replica looks for due mail when nothing woke it (mail queued by another replica, retries).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a lane woken by a queued mail waits for more before it claims: fewer, fuller claims under load.</summary>
    public TimeSpan GatherDelay { get; set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>How long to wait for auth to issue a login link.</summary>
    public TimeSpan LinkTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
