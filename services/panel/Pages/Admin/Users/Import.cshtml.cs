using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;

namespace Platform.Panel.Pages.Admin.Users;

/// <summary>
/// CSV import into the managed list (directory-sync's <c>POST …/users/import</c>, an idempotent upsert): a file or
/// pasted text, one user per line; then each row's result (added, updated, unchanged, or rejected and why).
/// </summary>
public sealed class ImportModel(DirectoryUsersApi users) : PageModel
{
    /// <summary>Larger than the API's 10,000 rows of long addresses: the API says how many is too many.</summary>
    private const long MaxFileBytes = 4 * 1024 * 1024;

    [FromRoute]
    public string Domain { get; set; } = "";

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    public ImportReport? Report { get; private set; }

    /// <summary>Each sent row's line in the text, to show beside its result.</summary>
    public IReadOnlyList<long> Lines { get; private set; } = [];

    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is { Length: > MaxFileBytes })
        {
            Problem = "import_too_large";
            return Page();
        }

        var text = Upload is { Length: > 0 } file ? await ReadAsync(file, cancellationToken) : Text ?? "";
        var (rows, lines) = CsvImport.Parse(text);
        if (rows.Count == 0)
        {
            Problem = "empty_import";
            return Page();
        }

        var answer = await users.ImportAsync(await HttpContext.TokenAsync(), Domain, rows, cancellationToken);
        (Report, Lines, Problem) = (answer.Value, lines, answer.Ok ? null : answer.Code);
        return Page();
    }

    private static async Task<string> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(file.OpenReadStream());
        return await reader.ReadToEndAsync(cancellationToken);
    }
}
