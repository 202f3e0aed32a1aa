using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.Settings;

/// <summary>The settings API's errors: RFC 7807 problem details, each with a stable <c>code</c>.</summary>
internal static class Problems
{
    public static ProblemHttpResult Invalid(IEnumerable<FieldProblem> errors) => FieldProblems.Result(
        "invalid_directory_settings", "The directory settings are not valid.", "See errors: each invalid field with what to change (codes: each one's stable code).", errors);

    /// <summary>The submitted settings connect elsewhere than the saved password was saved for: it must be given again.</summary>
    public static ProblemHttpResult BindPasswordRequired(IReadOnlyList<string> changedFields)
    {
        var problem = FieldProblems.Result("bind_password_required", "The bind password is required for this change.",
            "Send bindPassword with settings that change where or as whom the platform connects.",
            [new("bindPassword", DirectorySettingsFieldCodes.BindPasswordNeededAgain,
                $"Changing {string.Join(", ", changedFields)} needs the service account's password again: the saved one only goes where it was saved for.")]);
        problem.ProblemDetails.Extensions["changedFields"] = changedFields;
        return problem;
    }

    public static ProblemHttpResult NotConfigured(string domain) => CodedProblem.Result(StatusCodes.Status404NotFound, "directory_not_configured",
        "No directory is configured for this domain.", $"Save the directory settings of {domain} with PUT first.");

    public static ProblemHttpResult VersionMismatch(long current) => CodedProblem.Result(StatusCodes.Status412PreconditionFailed, "version_mismatch",
        "The settings changed since you read them.", $"They are at version {current} now: read them again and re-apply your change.");

    public static ProblemHttpResult ConcurrentChange() => CodedProblem.Result(StatusCodes.Status409Conflict, "concurrent_change",
        "Someone else saved the settings at the same moment.", "Read them again and re-apply your change.");
}
