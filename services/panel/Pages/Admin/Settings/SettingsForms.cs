using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Platform.Panel.Pages.Admin.Settings;

/// <summary>What the settings forms share.</summary>
public static class SettingsForms
{
    /// <summary>
    /// Number fields the browser sent as something else (it prevents that, a hand-made POST need not): the service
    /// would take a missing number for its default, so the page says so instead. Keys are the API's (camelCase).
    /// </summary>
    public static Dictionary<string, string[]> NumberErrors(ModelStateDictionary state, string text, params string[] fields) =>
        fields.Where(f => state.TryGetValue(f, out var entry) && entry.Errors.Count > 0)
            .ToDictionary(f => char.ToLowerInvariant(f[0]) + f[1..], _ => new[] { text });
}
