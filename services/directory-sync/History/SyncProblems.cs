using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Http;

namespace Platform.DirectorySync.History;

/// <summary>The sync API's errors: RFC 7807 problem details, each with a stable <c>code</c>.</summary>
internal static class SyncProblems
{
    public static ProblemHttpResult NotConfigured(string domain) => CodedProblem.Result(StatusCodes.Status404NotFound, "directory_not_configured",
        "No directory is configured for this domain.", $"Save the directory settings of {domain} first.");

    public static ProblemHttpResult InvalidMode(string mode) => CodedProblem.Result(StatusCodes.Status400BadRequest, "invalid_sync_mode",
        $"'{mode}' is not a sync mode.", "Use mode=full (everything, the default) or mode=changes (what changed since the last run).");

    public static ProblemHttpResult RunNotFound(Guid runId) => CodedProblem.Result(StatusCodes.Status404NotFound, "sync_run_not_found",
        "No such sync run for this domain.", $"Run {runId} does not exist or belongs to another domain.");

    public static ProblemHttpResult NothingHeld(Guid runId) => CodedProblem.Result(StatusCodes.Status409Conflict, "no_held_removals",
        "This run held no removals.", $"Run {runId} removed what it had to, or nothing.");

    public static ProblemHttpResult AlreadyDecided(string decision, string? by) => CodedProblem.Result(StatusCodes.Status409Conflict, "already_decided",
        "The held removals of this run were already decided.", $"They were {decision} by {by}.");

    public static ProblemHttpResult Outdated() => CodedProblem.Result(StatusCodes.Status409Conflict, "held_removals_outdated",
        "A later full sync ran since these removals were held.", "Confirm or dismiss the held removals of the latest run instead.");
}
