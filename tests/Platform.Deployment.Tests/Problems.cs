using Xunit;

namespace Platform.Deployment.Tests;

internal static class Problems
{
    /// <summary>Passes when there are none; else fails listing every one, so that one run shows all there is to mend.</summary>
    public static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, string.Join(Environment.NewLine, list));
    }
}
