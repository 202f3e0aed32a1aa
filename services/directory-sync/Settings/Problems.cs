using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Settings;

/// <summary>The settings API's errors: RFC 7807 problem details, each with a stable <c>code</c>.</summary>
internal static class Problems
{
    public static ProblemHttpResult Invalid(IReadOnlyDictionary<string, string[]> errors) => TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary())
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The directory settings are not valid.",
        Detail = "See errors: each invalid field with what to change.",
        Extensions = { ["code"] = "invalid_directory_settings" },
    });

    /// <summary>The submitted settings connect elsewhere than the saved password was saved for: it must be given again.</summary>
    public static ProblemHttpResult BindPasswordRequired(IReadOnlyList<string> changedFields) => TypedResults.Problem(new HttpValidationProblemDetails(
        new Dictionary<string, string[]>
        {
            ["bindPassword"] = [$"Changing {string.Join(", ", changedFields)} needs the service account's password again: the saved one only goes where it was saved for."],
        })
    {
        Status = StatusCodes.Status400BadRequest,
        Title = "The bind password is required for this change.",
        Detail = "Send bindPassword with settings that change where or as whom the platform connects.",
        Extensions = { ["code"] = "bind_password_required", ["changedFields"] = changedFields },
    });

    public static ProblemHttpResult NotConfigured(string domain) => CodedProblem.Result(StatusCodes.Status404NotFound, "directory_not_configured",
        "No directory is configured for this domain.", $"Save the directory settings of {domain} with PUT first.");

    public static ProblemHttpResult VersionMismatch(long current) => CodedProblem.Result(StatusCodes.Status412PreconditionFailed, "version_mismatch",
        "The settings changed since you read them.", $"They are at version {current} now: read them again and re-apply your change.");

    public static ProblemHttpResult ConcurrentChange() => CodedProblem.Result(StatusCodes.Status409Conflict, "concurrent_change",
        "Someone else saved the settings at the same moment.", "Read them again and re-apply your change.");
}
