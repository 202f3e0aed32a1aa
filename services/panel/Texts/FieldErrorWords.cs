using Platform.Panel.Backends;

namespace Platform.Panel.Texts;

/// <summary>
/// A service's refused fields in the reader's language: each problem's stable code in the words of the form's feature
/// (key <c>prefix + code</c>, English and German); the service's English only for a code the panel has no words for.
/// </summary>
public static class FieldErrorWords
{
    /// <summary>Each refused field (as the API names it) with its problems in words.</summary>
    public static IReadOnlyDictionary<string, string[]> Say(this PanelTexts texts, IReadOnlyDictionary<string, FieldError[]> errors, string prefix) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(error => texts.Say(error, prefix)).ToArray(), StringComparer.Ordinal);

    public static string Say(this PanelTexts texts, FieldError error, string prefix) =>
        error.Code is { } code && PanelTexts.Has(prefix + code) ? texts[prefix + code] : error.Message;
}
