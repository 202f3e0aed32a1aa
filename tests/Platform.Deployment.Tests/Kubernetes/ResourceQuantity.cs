using System.Globalization;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>A Kubernetes resource quantity (<c>100m</c>, <c>2</c>, <c>512Mi</c>, <c>1G</c>) as a number of units (cores, bytes).</summary>
internal static class ResourceQuantity
{
    private static readonly (string Suffix, decimal Factor)[] Suffixes =
    [
        ("Ki", 1L << 10), ("Mi", 1L << 20), ("Gi", 1L << 30), ("Ti", 1L << 40),
        ("m", 0.001m), ("k", 1e3m), ("M", 1e6m), ("G", 1e9m), ("T", 1e12m),
    ];

    public static decimal? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var (suffix, factor) = Suffixes.FirstOrDefault(s => text.EndsWith(s.Suffix, StringComparison.Ordinal));
        var number = suffix is null ? text : text[..^suffix.Length];
        return decimal.TryParse(number, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value * (suffix is null ? 1 : factor)
            : null;
    }
}
