using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;

namespace Platform.Panel.Pages.Admin.Syncs;

/// <summary>The domain's sync history (<c>GET …/directory/syncs</c>, newest first, a page at a time) and <b>Sync now</b>.</summary>
public sealed class IndexModel(DirectorySyncApi directory) : PageModel
{
    [FromRoute]
    public string Domain { get; set; } = "";

    /// <summary>The next page: runs requested before this time.</summary>
    [BindProperty(SupportsGet = true)]
    public DateTimeOffset? Before { get; set; }

    public IReadOnlyList<SyncRunView> Runs { get; private set; } = [];

    public string? Problem { get; private set; }

    public DateTimeOffset? Next => Runs.Count == DirectorySyncApi.SyncPageSize ? Runs[^1].RequestedAt : null;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await directory.SyncsAsync(await AccessTokenAsync(), Domain, Before, cancellationToken);
        (Runs, Problem) = (answer.Value ?? [], answer.Value is null ? answer.Code : null);
    }

    /// <summary>Asks for a full sync and shows its run (queued, then running, then its changes).</summary>
    public async Task<IActionResult> OnPostSyncAsync(CancellationToken cancellationToken)
    {
        var answer = await directory.SyncNowAsync(await AccessTokenAsync(), Domain, cancellationToken);
        if (answer.Value is { } accepted)
        {
            return LocalRedirect($"/admin/{Uri.EscapeDataString(Domain)}/syncs/{accepted.RunId}");
        }

        await OnGetAsync(cancellationToken);
        Problem = answer.Code;
        return Page();
    }

    private async Task<string> AccessTokenAsync() => await PanelSession.AccessTokenAsync(HttpContext) ?? "";
}
