using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Http;

/// <summary>
/// One refused field of a request: the field as the API names it (camelCase, dotted for nested fields), a stable
/// code for programs — the panel says it in the reader's language — and what to change in English words.
/// </summary>
public sealed record FieldProblem(string Field, string Code, string Message);

/// <summary>
/// A validation problem, the same shape in every service: the problem's own <c>code</c>, then <c>errors</c> (each
/// refused field with its messages, as ASP.NET Core's validation problems) and <c>codes</c>, which mirrors
/// <c>errors</c> exactly — the same fields, and <c>codes[field][i]</c> is the stable code of <c>errors[field][i]</c>.
/// </summary>
public static class FieldProblems
{
    public static ProblemHttpResult Result(string code, string title, string detail, IEnumerable<FieldProblem> problems, int status = StatusCodes.Status400BadRequest)
    {
        var byField = problems.GroupBy(p => p.Field, StringComparer.Ordinal).ToList();
        return TypedResults.Problem(new HttpValidationProblemDetails(byField.ToDictionary(f => f.Key, f => f.Select(p => p.Message).ToArray(), StringComparer.Ordinal))
        {
            Status = status,
            Title = title,
            Detail = detail,
            Extensions =
            {
                ["code"] = code,
                ["codes"] = byField.ToDictionary(f => f.Key, f => f.Select(p => p.Code).ToArray(), StringComparer.Ordinal),
            },
        });
    }
}
