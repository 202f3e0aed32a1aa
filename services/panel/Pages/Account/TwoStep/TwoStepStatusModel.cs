using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Account.TwoStep;

/// <summary>
/// Two-step verification's state (auth's <c>GET /v1/me/totp</c>): off, with the button that starts the setup; or
/// on, with the recovery codes left and the form that turns it off with a code (<c>POST /v1/me/totp/disable</c>).
/// </summary>
public sealed class IndexModel(AuthApi auth, PanelTexts texts) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public TotpStatus? Status { get; private set; }

    public bool TurnedOff { get; private set; }

    public string? Refusal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.DisableTotpAsync(await PanelSession.AccessTokenAsync(HttpContext) ?? "", Code, cancellationToken);
        Code = null;
        TurnedOff = answer.Status == StatusCodes.Status204NoContent;
        Refusal = TurnedOff ? null : TwoStepWords.Refusal(texts.Language, answer.Code!, answer.RetryAfter);
        await ShowAsync(cancellationToken);
        return Page();
    }

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.TotpStatusAsync(await PanelSession.AccessTokenAsync(HttpContext) ?? "", cancellationToken);
        Status = answer.Value;
        Refusal ??= answer.Ok ? null : TwoStepWords.Refusal(texts.Language, answer.Code!, answer.RetryAfter);
    }
}
