using System.Net;
using Platform.Testing;

namespace Platform.Demo.Story;

/// <summary>What happened in the story, step by step: what the demo prints and what the end-to-end test checks.</summary>
public sealed class StoryFacts
{
    public string User { get; set; } = "";

    public TokenClaims? Admin { get; set; }

    public SyncOutcome? Sync { get; set; }

    /// <summary>The domain's users from the directory, as the managed list shows them after the sync.</summary>
    public IReadOnlyList<string> Discovered { get; set; } = [];

    /// <summary>The quarantine id of the story's spam (its subject is "Prize for" it).</summary>
    public string? QuarantineId { get; set; }

    public string? EnrolledBy { get; set; }

    public SinkMail? Welcome { get; set; }

    /// <summary>The trace the welcome was queued and delivered in, as notifications' history shows it.</summary>
    public string? WelcomeTraceId { get; set; }

    public LoginOutcome? LinkLogin { get; set; }

    public int RecoveryCodes { get; set; }

    public LoginOutcome? LoginWithoutCode { get; set; }

    public LoginOutcome? LoginWithCode { get; set; }

    public string? ListedSource { get; set; }

    public DateTimeOffset? LastLogin { get; set; }

    public string? StatusAfterDeactivation { get; set; }

    public LoginOutcome? LoginAfterDeactivation { get; set; }

    public SinkMail? Report { get; set; }

    public string? ReportTraceId { get; set; }

    /// <summary>The trace id of each flow the story started (by flow name).</summary>
    public Dictionary<string, string> Traces { get; } = new(StringComparer.Ordinal);
}

/// <summary>How a sync run ended, with its counts.</summary>
public sealed record SyncOutcome(Guid RunId, string Status, int Users, int Added);

/// <summary>A login's answer: tokens (shown by their claims only) or the refusal's code.</summary>
public sealed record LoginOutcome(HttpStatusCode Status, string? Code, TokenClaims? Claims)
{
    public override string ToString() => Claims is not null ? $"{(int)Status}: access token for {Claims}" : $"{(int)Status} {Code}";
}
