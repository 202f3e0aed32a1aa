using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.DirectorySync.Recipients;

/// <summary>
/// Recipient verification as the filter's edge sees it: <c>platform.recipients.lookups</c> by answer (<c>valid</c>,
/// <c>invalid</c>, or the problem code: <c>too_many_invalid_lookups</c>, <c>client_blocked</c>,
/// <c>domain_under_attack</c>, <c>recipient_unverifiable</c>, <c>domain_not_served</c>, <c>recipients_loading</c>,
/// <c>invalid_email</c>) and <c>platform.recipients.attacks</c>, the dictionary-attack episodes reported, by scope.
/// Never the address, the domain or the client as a tag.
/// </summary>
public sealed class RecipientMetrics
{
    public const string LookupsName = "platform.recipients.lookups";
    public const string AttacksName = "platform.recipients.attacks";
    public const string AnswerTag = "platform.recipient.answer";
    public const string ScopeTag = "platform.attack.scope";

    private readonly Counter<long> _lookups;
    private readonly Counter<long> _attacks;

    public RecipientMetrics(IMeterFactory meters)
    {
        var meter = PlatformTelemetry.CreateMeter(meters, Sync.SyncMetrics.Area);
        _lookups = meter.CreateCounter<long>(LookupsName, "{lookup}", "Recipient lookups answered, by answer (valid, invalid or the problem code).");
        _attacks = meter.CreateCounter<long>(AttacksName, "{episode}", "Dictionary-attack episodes reported (DictionaryAttackSuspected), by scope.");
    }

    public void Answered(string answer) => _lookups.Add(1, new KeyValuePair<string, object?>(AnswerTag, answer));

    public void AttackSuspected(string scope) => _attacks.Add(1, new KeyValuePair<string, object?>(ScopeTag, scope));

    /// <summary>What a successful lookup answered.</summary>
    public static string Verdict(object? result) => result is Ok<RecipientVerdict> { Value.Valid: true } ? "valid" : "invalid";
}
