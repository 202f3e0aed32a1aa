using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;

namespace Platform.Panel.Pages.Admin.Syncs;

/// <summary>
/// One sync run (<c>GET …/directory/syncs/{runId}</c>): its status and counts, each user it changed (a page at a
/// time), and the removals its deletion guard held with <b>Confirm</b> and <b>Dismiss</b>.
/// </summary>
public sealed class RunModel(DirectorySyncApi directory) : PageModel
{
    [FromRoute]
    public string Domain { get; set; } = "";

    [FromRoute]
    public Guid RunId { get; set; }

    /// <summary>The next page of changes: those after this one.</summary>
    [BindProperty(SupportsGet = true)]
    public long? After { get; set; }

    public SyncRunDetails? Details { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The decision just made (confirmed or dismissed).</summary>
    public string? Decided { get; private set; }

    public bool Waiting => Details?.Run.Status is "queued" or "running";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await directory.SyncAsync(await AccessTokenAsync(), Domain, RunId, After, cancellationToken);
        (Details, Problem) = (answer.Value, answer.Value is null ? answer.Code : null);
        return answer.Status == StatusCodes.Status404NotFound ? NotFound() : Page();
    }

    public Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken) => DecideAsync(confirm: true, cancellationToken);

    public Task<IActionResult> OnPostDismissAsync(CancellationToken cancellationToken) => DecideAsync(confirm: false, cancellationToken);

    private async Task<IActionResult> DecideAsync(bool confirm, CancellationToken cancellationToken)
    {
        var answer = await directory.DecideHeldRemovalsAsync(await AccessTokenAsync(), Domain, RunId, confirm, cancellationToken);
        After = null;
        await OnGetAsync(cancellationToken);
        (Problem, Decided) = answer.Value is null ? (answer.Code, null) : (Problem, answer.Value.HeldRemovals?.Decision);
        return Page();
    }

    private async Task<string> AccessTokenAsync() => await PanelSession.AccessTokenAsync(HttpContext) ?? "";
}
