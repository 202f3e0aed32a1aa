using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;

namespace Platform.Panel.Pages.Admin.Users;

/// <summary>
/// A domain's managed list of email users (directory-sync's <c>GET/POST/PATCH …/users</c>): search by part of the
/// address, filter by status and source, page on; add one, deactivate or reactivate one. Deleting asks first (Delete page).
/// </summary>
public sealed class IndexModel(DirectoryUsersApi users) : PageModel
{
    public static readonly string[] Statuses = ["active", "inactive"];
    public static readonly string[] Sources = ["directory", "api", "login", "firstSpam"];

    [FromRoute]
    public string Domain { get; set; } = "";

    [FromQuery(Name = "q")]
    public string? Text { get; set; }

    [FromQuery(Name = "status")]
    public string? Status { get; set; }

    [FromQuery(Name = "source")]
    public string? Source { get; set; }

    [FromQuery(Name = "after")]
    public string? After { get; set; }

    /// <summary>What the last action did (after its redirect), e.g. "Users.Done.inactive".</summary>
    [TempData]
    public string? Done { get; set; }

    [TempData]
    public string? DoneFor { get; set; }

    public UserPage? Listing { get; private set; }

    public string? Problem { get; private set; }

    /// <summary>The add form's address and its problem, shown beside the field.</summary>
    public string? NewEmail { get; private set; }

    public string? AddProblem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(string? email, CancellationToken cancellationToken)
    {
        var answer = await users.AddAsync(await HttpContext.TokenAsync(), Domain, email, cancellationToken);
        if (answer.Ok)
        {
            return Redirected("Users.Done.added", answer.Value!.Email);
        }

        NewEmail = email;
        AddProblem = answer.Code;
        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Deactivates or reactivates <paramref name="email"/> (<paramref name="to"/>: inactive or active).</summary>
    public async Task<IActionResult> OnPostStatusAsync(string email, string to, CancellationToken cancellationToken)
    {
        if (!Statuses.Contains(to))
        {
            return BadRequest();
        }

        var answer = await users.SetStatusAsync(await HttpContext.TokenAsync(), Domain, email, to, cancellationToken);
        if (answer.Ok)
        {
            return Redirected("Users.Done." + to, email);
        }

        Problem = answer.Code;
        await LoadAsync(cancellationToken);
        return Page();
    }

    private IActionResult Redirected(string done, string email)
    {
        (Done, DoneFor) = (done, email);
        return RedirectToPage(new { Domain, q = Text, status = Status, source = Source, after = After });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var filter = new UserFilter(Text, Statuses.Contains(Status) ? Status : null, Sources.Contains(Source) ? Source : null, After);
        var answer = await users.ListAsync(await HttpContext.TokenAsync(), Domain, filter, cancellationToken);
        Listing = answer.Value;
        Problem ??= answer.Ok ? null : answer.Code;
    }
}
