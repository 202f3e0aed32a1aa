using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults.Http;

/// <summary>An endpoint's RFC 7807 answer with the stable <c>code</c> every problem of the platform carries.</summary>
public static class CodedProblem
{
    public static ProblemHttpResult Result(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
