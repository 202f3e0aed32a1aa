using System.Globalization;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Directory;
using Platform.Panel.Texts;
using Xunit;

namespace Platform.Panel.Tests.Texts;

/// <summary>
/// What directory-sync says in English beside a code on the directory pages — a connection test's failure (code, reason
/// and the values it names), a saved settings' warning, a skipped entry's problem — has the panel's words in English and
/// German. The codes are the constants of the directory library and of directory-sync's built assembly, not a copy.
/// </summary>
public sealed class Saying_the_directorys_failures_and_warnings
{
    private static string[] FailureCodes =>
    [
        .. ServiceAssemblies.Constants(typeof(Platform.Directory.Failures.DirectoryFailureCodes)),
        // The sync's own failure, which the dry run and a run's error show like the directory's.
        ServiceAssemblies.Constant("Platform.DirectorySync.Sync.SyncLimits", "TooLarge"),
    ];

    private static string[] Reasons => ServiceAssemblies.Constants(typeof(Platform.Directory.Failures.DirectoryFailureReasons));

    private static string[] StepDetailCodes => ServiceAssemblies.Constants(typeof(Platform.Directory.ConnectionTesting.ConnectionTestDetailCodes));

    private static string[] WarningCodes => ServiceAssemblies.Constants(ServiceAssemblies.Type("Platform.DirectorySync.Settings.SettingsWarningCodes"));

    private static string[] EntryProblemCodes =>
    [
        .. ServiceAssemblies.Constants(typeof(Platform.Directory.Search.EntryProblemCodes)),
        .. ServiceAssemblies.Constants(ServiceAssemblies.Type("Platform.DirectorySync.Sync.SyncProblemCodes")),
    ];

    [Fact]
    public void Every_failure_code_has_a_title_what_happened_and_what_to_do_in_english_and_german()
    {
        var keys = FailureCodes.SelectMany(code => new[]
        {
            DirectoryWords.FailureTitle + code, DirectoryFailureWords.Text + code, DirectoryFailureWords.Hint + code,
        });

        AssertWordsInBothLanguages(keys);
    }

    [Fact]
    public void Every_reason_has_words_for_its_case_in_english_and_german()
    {
        var cases = AllWords.InEnglish.Keys.Where(k => k.StartsWith(DirectoryFailureWords.Text, StringComparison.Ordinal))
            .Select(k => k[DirectoryFailureWords.Text.Length..]).Where(k => k.Contains('.', StringComparison.Ordinal)).ToList();

        Assert.All(Reasons, reason => Assert.Contains(cases, c => c.EndsWith("." + reason, StringComparison.Ordinal)));
        AssertWordsInBothLanguages(cases.Select(c => DirectoryFailureWords.Text + c));
    }

    [Fact]
    public void Every_step_detail_settings_warning_and_skipped_entrys_problem_has_english_and_german_words()
    {
        Assert.NotEmpty(StepDetailCodes);
        Assert.NotEmpty(WarningCodes);
        Assert.NotEmpty(EntryProblemCodes);
        AssertWordsInBothLanguages([
            .. StepDetailCodes.Select(code => DirectoryFailureWords.StepDetail + code),
            .. WarningCodes.Select(code => DirectoryFailureWords.Warning + code),
            .. EntryProblemCodes.Select(code => DirectoryFailureWords.EntryProblem + code),
        ]);
    }

    [Fact]
    public void No_words_name_a_code_or_reason_the_service_does_not_send()
    {
        var codes = FailureCodes.ToHashSet(StringComparer.Ordinal);
        var reasons = Reasons.ToHashSet(StringComparer.Ordinal);
        bool IsCase(string name) => name.Split('.') switch
        {
            [var code] => codes.Contains(code),
            [var code, var reason] => codes.Contains(code) && reasons.Contains(reason),
            _ => false,
        };

        var stale = AllWords.InEnglish.Keys.Where(key =>
            (Under(key, DirectoryWords.FailureTitle) is { } title && title != "other" && !codes.Contains(title))
            || (Under(key, DirectoryFailureWords.Text) is { } text && !IsCase(text))
            || (Under(key, DirectoryFailureWords.Hint) is { } hint && !IsCase(hint))
            || (Under(key, DirectoryFailureWords.StepDetail) is { } detail && !StepDetailCodes.Contains(detail))
            || (Under(key, DirectoryFailureWords.Warning) is { } warning && !WarningCodes.Contains(warning))
            || (Under(key, DirectoryFailureWords.EntryProblem) is { } problem && !EntryProblemCodes.Contains(problem)))
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(stale.Count == 0, $"Words for codes or reasons directory-sync does not send: {string.Join(", ", stale)}");
    }

    [Fact]
    public void The_words_name_only_values_the_service_sends_and_german_names_the_same_as_english()
    {
        var values = ServiceAssemblies.Constants(typeof(Platform.Directory.Failures.DirectoryFailureValues)).ToHashSet(StringComparer.Ordinal);
        var keys = AllWords.InEnglish.Keys.Where(k =>
            new[] { DirectoryFailureWords.Text, DirectoryFailureWords.Hint, DirectoryFailureWords.StepDetail }.Any(prefix => Under(k, prefix) is not null));

        Assert.All(keys, key =>
        {
            var named = DirectoryFailureWords.Placeholders(AllWords.InEnglish[key]).Order(StringComparer.Ordinal).ToList();
            Assert.All(named, name => Assert.Contains(name, values));
            Assert.Equal(named, DirectoryFailureWords.Placeholders(AllWords.InGerman[key]).Order(StringComparer.Ordinal));
        });
    }

    [Fact]
    public void Says_a_failure_with_its_values_in_german_and_keeps_the_services_english_where_it_has_no_words()
    {
        var expired = new TestFailure("tls_failure", "The server's certificate (CN=dc1) has expired…", "Upload the CA…", "certificate_expired",
            new Dictionary<string, string>
            {
                ["host"] = "dc1.example.com", ["port"] = "636", ["endpoint"] = "dc1.example.com:636", ["subject"] = "CN=dc1",
                ["validFrom"] = "2025-01-01T00:00:00Z", ["validUntil"] = "2026-01-01T12:30:00Z",
            });
        var refused = new TestFailure("connection_refused", "refused", "check the port", null,
            new Dictionary<string, string> { ["host"] = "dc1.example.com", ["port"] = "389", ["endpoint"] = "dc1.example.com:389", ["outgoingAddresses"] = "203.0.113.7" });
        var fromTomorrow = new TestFailure("a_code_from_tomorrow", "Something new happened.", "Do something new.");
        var newReason = expired with { Reason = "a_reason_from_tomorrow", Message = "A new case.", Hint = "A new hint." };
        var withoutValues = new TestFailure("no_users_found", "No user under 'dc=x'.", "Check the base DN.");

        InGerman(texts =>
        {
            Assert.Equal("Das Zertifikat des Servers (CN=dc1) ist abgelaufen oder noch nicht gültig: Es gilt von 01.01.2025 00:00 UTC bis 01.01.2026 12:30 UTC.", texts.Message(expired));
            Assert.Equal("Erneuern Sie das Zertifikat des Servers und testen Sie dann erneut.", texts.HintOf(expired));
            Assert.StartsWith("dc1.example.com:389 hat die Verbindung abgelehnt: Auf Port 389", texts.Message(refused), StringComparison.Ordinal);
            Assert.EndsWith("Die Plattform verbindet sich von 203.0.113.7.", texts.HintOf(refused), StringComparison.Ordinal);
            Assert.Equal(("Something new happened.", "Do something new."), (texts.Message(fromTomorrow), texts.HintOf(fromTomorrow)));
            Assert.Equal(("A new case.", "A new hint."), (texts.Message(newReason), texts.HintOf(newReason)));
            Assert.Equal("No user under 'dc=x'.", texts.Message(withoutValues));
            Assert.Equal("Ohne Dienstkonto kann die Plattform das Verzeichnis nicht durchsuchen: Synchronisierungen und Empfängerprüfungen schlagen fehl.",
                texts.Say(new SettingsWarning("no_service_account", "Without a service account…")));
            Assert.Equal("Something new.", texts.Say(new SettingsWarning("a_warning_from_tomorrow", "Something new.")));
            Assert.Equal("Verbunden mit 192.0.2.1:636.", texts.DetailOf(
                new TestStep("connect", "ok", 3, "connected to 192.0.2.1:636", "connected", new Dictionary<string, string> { ["address"] = "192.0.2.1:636" }), null));
            Assert.Equal(texts.Message(expired), texts.DetailOf(new TestStep("tls", "failed", 3, "The server's certificate…"), expired));
            Assert.Equal("found something new", texts.DetailOf(new TestStep("search", "ok", 3, "found something new", "a_detail_from_tomorrow"), null));
            Assert.Equal("Der Eintrag hat keine E-Mail-Adresse.", texts.SayEntryProblem("no_address", "The entry has no e-mail address (mail)."));
            Assert.Equal("New.", texts.SayEntryProblem("a_problem_from_tomorrow", "New."));
        });
    }

    private static string? Under(string key, string prefix) => key.StartsWith(prefix, StringComparison.Ordinal) ? key[prefix.Length..] : null;

    private static void AssertWordsInBothLanguages(IEnumerable<string> keys)
    {
        var missing = keys.Where(key => !AllWords.InEnglish.ContainsKey(key) || !AllWords.InGerman.ContainsKey(key)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"Without the panel's words in both languages: {string.Join(", ", missing)}");
    }

    private static void InGerman(Action<PanelTexts> say)
    {
        var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de");
            say(new PanelTexts());
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (before, beforeUi);
        }
    }
}
