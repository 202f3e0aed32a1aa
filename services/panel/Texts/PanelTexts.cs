using System.Globalization;
using Microsoft.AspNetCore.Localization;

namespace Platform.Panel.Texts;

/// <summary>
/// The panel's words in English and German, chosen per request from the language cookie (the choice in the
/// footer) or Accept-Language; a key without a German text falls back to English.
/// </summary>
public sealed class PanelTexts
{
    public static readonly string[] Languages = ["en", "de"];

    public string this[string key] => Text(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, key);

    /// <summary>A text with its placeholders filled, e.g. the time left of a lock.</summary>
    public string Format(string key, params object[] values) => string.Format(CultureInfo.CurrentCulture, this[key], values);

    /// <summary>Whether the panel has words for <paramref name="key"/> (in English; German falls back to them).</summary>
    public static bool Has(string key) => AllWords.InEnglish.ContainsKey(key);

    public static string Text(string language, string key) =>
        (language == "de" && AllWords.InGerman.TryGetValue(key, out var de)) ? de
        : AllWords.InEnglish.TryGetValue(key, out var en) ? en
        : key;

    public string Language => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
}

public static class PanelTextsExtensions
{
    public static IServiceCollection AddPanelTexts(this IServiceCollection services)
    {
        services.AddSingleton<PanelTexts>();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture("en").AddSupportedCultures(PanelTexts.Languages).AddSupportedUICultures(PanelTexts.Languages);
            // The language choice (a cookie), then the browser's Accept-Language; no query string.
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    public static WebApplication UsePanelTexts(this WebApplication app)
    {
        app.UseRequestLocalization();
        return app;
    }
}
