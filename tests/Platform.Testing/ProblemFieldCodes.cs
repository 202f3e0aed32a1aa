using System.Text.Json.Nodes;

namespace Platform.Testing;

/// <summary>A validation problem's refused fields as the services send them: <c>codes</c>, which mirrors <c>errors</c>.</summary>
public static class ProblemFieldCodes
{
    /// <summary>Each (field, code), in order; fails when <c>codes</c> does not mirror <c>errors</c> field for field, message for message.</summary>
    public static IReadOnlyList<(string Field, string Code)> Of(JsonNode problem)
    {
        var errors = problem["errors"]?.AsObject() ?? throw new InvalidOperationException($"No errors in {problem.ToJsonString()}.");
        var codes = problem["codes"]?.AsObject() ?? throw new InvalidOperationException($"No codes in {problem.ToJsonString()}.");
        var mirrored = errors.Select(e => (e.Key, e.Value!.AsArray().Count)).Order().SequenceEqual(codes.Select(c => (c.Key, c.Value!.AsArray().Count)).Order());
        if (!mirrored)
        {
            throw new InvalidOperationException($"codes does not mirror errors in {problem.ToJsonString()}.");
        }

        return [.. codes.SelectMany(c => c.Value!.AsArray().Select(code => (c.Key, code!.GetValue<string>()))).Order()];
    }
}
