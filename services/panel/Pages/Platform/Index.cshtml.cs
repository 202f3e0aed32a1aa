using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Users;

namespace Platform.Panel.Pages.PlatformAdmin;

/// <summary>The platform's domains (directory-sync's <c>GET /v1/domains</c>): each one's directory and last sync, by name.</summary>
public sealed class IndexModel(DirectoryUsersApi directory) : PageModel
{
    [FromQuery(Name = "after")]
    public string? After { get; set; }

    public DomainPage? Domains { get; private set; }

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await directory.DomainsAsync(await HttpContext.TokenAsync(), After, cancellationToken);
        (Domains, Problem) = (answer.Value, answer.Ok ? null : answer.Code);
    }
}
