using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;

namespace Platform.Panel.Pages.Admin.Users;

/// <summary>Deleting a user asks first: this page names who, and only its button (a POST) deletes.</summary>
public sealed class DeleteModel(DirectoryUsersApi users) : PageModel
{
    [FromRoute]
    public string Domain { get; set; } = "";

    [FromRoute]
    public string Email { get; set; } = "";

    [TempData]
    public string? Done { get; set; }

    [TempData]
    public string? DoneFor { get; set; }

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await users.DeleteAsync(await HttpContext.TokenAsync(), Domain, Email, cancellationToken);
        if (answer.Status == StatusCodes.Status204NoContent)
        {
            (Done, DoneFor) = ("Users.Done.deleted", Email);
            return RedirectToPage("Index", new { Domain });
        }

        Problem = answer.Code;
        return Page();
    }
}
