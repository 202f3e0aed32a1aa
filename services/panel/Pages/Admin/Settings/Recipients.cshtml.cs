using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Users;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Settings;

/// <summary>
/// How the domain's recipients are verified (directory-sync's <c>GET/PUT …/recipient-verification</c>): the mode in
/// words, and the domain's own mail server to ask by callout (set or removed); directory-sync checks host and port.
/// </summary>
public sealed class RecipientsModel(DirectoryUsersApi directory, PanelTexts texts) : PageModel
{
    [FromRoute]
    public string Domain { get; set; } = "";

    [BindProperty]
    public string? Host { get; set; }

    [BindProperty]
    public int? Port { get; set; }

    public RecipientVerification? Current { get; private set; }

    public bool Saved { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Show(await directory.GetRecipientVerificationAsync(await HttpContext.TokenAsync(), Domain, cancellationToken));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SettingsForms.NumberErrors(ModelState, texts["Settings.NotANumber"], nameof(Port)) is { Count: > 0 } notNumbers)
        {
            // Named as the API names the port, so it shows where directory-sync's refusal of it would.
            (Errors, Problem) = (new Dictionary<string, string[]> { ["callout.port"] = notNumbers["port"] }, "invalid_callout");
            return Page();
        }

        return await SaveAsync(new Callout(Host, Port), cancellationToken);
    }

    public Task<IActionResult> OnPostRemoveAsync(CancellationToken cancellationToken) => SaveAsync(null, cancellationToken);

    private async Task<IActionResult> SaveAsync(Callout? callout, CancellationToken cancellationToken)
    {
        var answer = await directory.SetRecipientVerificationAsync(await HttpContext.TokenAsync(), Domain, callout, cancellationToken);
        if (!answer.Ok)
        {
            // The current state, with the admin's entries kept in the fields.
            var (host, port) = (Host, Port);
            Show(await directory.GetRecipientVerificationAsync(await HttpContext.TokenAsync(), Domain, cancellationToken));
            (Host, Port, Problem, Errors) = (host, port, answer.Code, texts.Say(answer.Errors, SettingsFieldWords.Recipients));
            return Page();
        }

        Show(answer);
        Saved = true;
        return Page();
    }

    private void Show(ApiAnswer<RecipientVerification> answer)
    {
        Current = answer.Value;
        (Host, Port) = (Current?.Callout?.Host, Current?.Callout?.Port);
        Problem = answer.Ok ? null : answer.Code;
    }
}
