namespace Platform.Demo.Story;

/// <summary>
/// The story of the platform, played through the services' public APIs, the filter's raw RabbitMQ message and the SMTP
/// sink: an admin configures the domain's directory and syncs it; a first spam for a directory user brings a welcome
/// mail whose link logs them in; they turn on a second factor and log in with directory password and code, which the
/// managed list shows; the admin deactivates them and their next login is refused; the report period passes and
/// the report mail arrives. Each step is narrated; every fact is kept in <see cref="StoryFacts"/>. Passwords,
/// tokens, links and TOTP secrets are never narrated.
/// </summary>
public sealed partial class PlatformStory(PlatformEndpoints endpoints, StoryCast cast, Action<string> narrate, HttpClient http)
{
    private readonly StoryHttp _http = new(http);
    private readonly StoryFacts _facts = new();
    private HashSet<string> _mailsBefore = [];
    private int _chapter;

    /// <summary>How long a step waits for what happens asynchronously (a sync, a mail, an event reaching a service).</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(90);

    public StoryFacts Facts => _facts;

    /// <param name="user">The directory user the story follows; null: the first active one not welcomed yet.</param>
    public async Task<StoryFacts> PlayAsync(string? user = null)
    {
        Chapter($"The admin configures {cast.Domain}'s directory and syncs it");
        var admin = await AdminLogsInAsync();
        await ConfiguresAndSyncsAsync(admin);
        _facts.User = user ?? await FreshUserAsync(admin);
        Say($"the story follows {_facts.User}");

        Chapter($"The filter quarantines a first spam for {_facts.User}");
        await QuarantinesFirstSpamAsync(admin);
        var link = await WelcomeArrivesAsync(admin);

        Chapter($"{_facts.User} follows the link in the welcome mail");
        var session = await LogsInWithLinkAsync(link);

        Chapter($"{_facts.User} turns on a second factor (TOTP)");
        var authenticator = await EnrollsSecondFactorAsync(session);

        Chapter($"{_facts.User} logs in with the directory password and a code");
        await LogsInWithPasswordAndCodeAsync(admin, authenticator);

        Chapter($"The admin deactivates {_facts.User}");
        await DeactivatesAsync(admin, authenticator);

        Chapter("The report period passes");
        await ReportArrivesAsync(admin);
        return _facts;
    }

    private void Chapter(string title)
    {
        narrate("");
        narrate($"{++_chapter}. {title}");
    }

    private void Say(string line) => narrate("   " + line);

    private void Traced(Flow flow)
    {
        _facts.Traces[flow.Name] = flow.TraceId;
        Say($"trace {flow.TraceId} ({flow.Name})");
    }

    private Flow Begin(string name) => new(name);

    /// <summary>
    /// Polls <paramref name="probe"/> every <paramref name="every"/> (a tenth of a second) until <paramref name="done"/>,
    /// or fails the step with <paramref name="what"/>.
    /// </summary>
    private async Task<T> AwaitAsync<T>(string what, Func<Task<T>> probe, Func<T, bool> done, TimeSpan? every = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new StoryException($"{what}: not within {Patience.TotalSeconds:0} s.");
            }

            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }

    private Uri Domain(Uri service, string path) => new(service, $"/v1/domains/{cast.Domain}{path}");
}
