using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Directory;

/// <summary>
/// The domain's directory settings: a kind's preset, the connection, the CA pasted or uploaded, the write-only bind
/// password; <b>Save &amp; test</b> saves (<c>PUT …/directory</c>) and then tests the saved settings
/// (<c>POST …/directory/test</c>): each step with its time, the classified failure with its hint, and the dry run.
/// </summary>
public sealed class IndexModel(DirectorySyncApi directory, Texts.PanelTexts texts) : PageModel
{
    /// <summary>A CA bundle is a few kilobytes; anything much larger is not one.</summary>
    public const int MaxCaFileBytes = 256 * 1024;

    [FromRoute]
    public string Domain { get; set; } = "";

    [BindProperty]
    public DirectoryForm Form { get; set; } = DirectoryForm.New();

    [BindProperty]
    public IFormFile? CaFile { get; set; }

    public bool Configured { get; private set; }

    public bool HasBindPassword { get; private set; }

    public IReadOnlyList<SettingsWarning> Warnings { get; private set; } = [];

    /// <summary>The refusal's code (for the words), when the save or the reading was refused.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyDictionary<string, string[]> FieldErrors { get; private set; } = new Dictionary<string, string[]>();

    public bool Saved { get; private set; }

    public Guid? SyncRunId { get; private set; }

    public ConnectionTestView? Test { get; private set; }

    public string? TestProblem { get; private set; }

    public IEnumerable<string> ErrorsOf(string field) => FieldErrors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>Errors of fields the form does not show (so that none is lost).</summary>
    public IEnumerable<string> OtherErrors => FieldErrors.Where(e => !DirectoryForm.Fields.Contains(e.Key)).SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"));

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>The chosen kind's defaults, filled in on the server; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPresetAsync(CancellationToken cancellationToken)
    {
        var chosen = Form.Kind;
        await ReadSavedStateAsync(cancellationToken);
        Form = Form.WithPreset(chosen);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        if (CaFile is { Length: > 0 } file)
        {
            if (file.Length > MaxCaFileBytes)
            {
                FieldErrors = new Dictionary<string, string[]> { ["caCertificatePem"] = [texts["Directory.CaTooLarge"]] };
                await ReadSavedStateAsync(cancellationToken);
                return Page();
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            Form.CaCertificatePem = await reader.ReadToEndAsync(cancellationToken);
        }

        var token = await AccessTokenAsync();
        var saved = await directory.SaveSettingsAsync(token, Domain, Form.ToDocument(), Form.Version, cancellationToken);
        Form.BindPassword = null;
        if (saved.Value is not { } view)
        {
            (Problem, FieldErrors) = (saved.Code, texts.Say(saved.Errors, DirectoryFieldWords.Prefix));
            await ReadSavedStateAsync(cancellationToken);
            return Page();
        }

        Show(view);
        (Saved, SyncRunId) = (true, view.SyncRunId);
        var test = await directory.TestSavedAsync(token, Domain, cancellationToken);
        (Test, TestProblem) = (test.Value, test.Value is null ? test.Code : null);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var answer = await directory.GetSettingsAsync(await AccessTokenAsync(), Domain, cancellationToken);
        if (answer.Value is { } view)
        {
            Show(view);
            Form = DirectoryForm.From(view);
        }
        else if (answer.Code != "directory_not_configured")
        {
            Problem = answer.Code;
        }
    }

    /// <summary>What the saved settings say beside the submitted form: configured, a password saved, the version.</summary>
    private async Task ReadSavedStateAsync(CancellationToken cancellationToken)
    {
        if ((await directory.GetSettingsAsync(await AccessTokenAsync(), Domain, cancellationToken)).Value is { } view)
        {
            // The version the admin saw stays, unless it is the reason of the refusal: then saving again overwrites knowingly.
            var seen = Form.Version;
            Show(view);
            Form.Version = Problem == "version_mismatch" ? view.Version : seen ?? view.Version;
        }
    }

    private void Show(DirectorySettingsView view)
    {
        (Configured, HasBindPassword, Warnings) = (true, view.HasBindPassword, view.Warnings);
        Form.Version = view.Version;
    }

    private async Task<string> AccessTokenAsync() => await PanelSession.AccessTokenAsync(HttpContext) ?? "";
}
