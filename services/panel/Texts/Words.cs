namespace Platform.Panel.Texts;

/// <summary>
/// One feature's words in English and German. Each feature keeps its own beside its pages and names it in
/// <see cref="AllWords"/>; a key without a German text falls back to English.
/// </summary>
public sealed record Words(IReadOnlyDictionary<string, string> English, IReadOnlyDictionary<string, string> German);
