using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Security;

namespace Platform.Panel.Pages.Admin;

/// <summary>An admin's home: a domain admin's domains; a platform admin opens any domain by name.</summary>
public sealed class IndexModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Open { get; set; }

    public IActionResult OnGet() =>
        Open is null ? Page()
        : DomainNames.Normalize(Open) is { } domain ? LocalRedirect($"/admin/{domain}/directory")
        : Page();
}
