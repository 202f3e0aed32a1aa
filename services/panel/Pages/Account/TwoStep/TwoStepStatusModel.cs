using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Account.TwoStep;

/// <summary>
/// Two-step verification's state, for an email user and an admin alike (<see cref="TwoStepOwner"/>; the view is
/// <c>Shared/_TwoStepStatus</c>): off, with the button that starts the setup; or on, with the recovery codes left and the
/// form that turns it off with a code — unless auth says it is required, which the page says in words instead.
/// </summary>
public abstract class TwoStepStatusModel(AuthApi auth, PanelTexts texts, TwoStepOwner owner) : PageModel
{
    public TwoStepOwner Owner => owner;

    [BindProperty]
    public string? Code { get; set; }

    public TotpStatus? Status { get; private set; }

    public bool TurnedOff { get; private set; }

    public string? Refusal { get; private set; }

    protected PanelTexts Texts => texts;

    protected AuthApi Auth => auth;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    /// <summary>Turns it off with a code or a recovery code.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.DisableTotpAsync(owner.Totp, await AccessTokenAsync(), Code, cancellationToken);
        Code = null;
        TurnedOff = answer.Status == StatusCodes.Status204NoContent;
        Refusal = TurnedOff ? null : TwoStepWords.Refusal(texts.Language, answer.Code!, answer.RetryAfter);
        await ShowAsync(cancellationToken);
        return Page();
    }

    protected async Task ShowAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.TotpStatusAsync(owner.Totp, await AccessTokenAsync(), cancellationToken);
        Status = answer.Value;
        Refusal ??= answer.Ok ? null : TwoStepWords.Refusal(texts.Language, answer.Code!, answer.RetryAfter);
    }

    protected async Task<string> AccessTokenAsync() => await PanelSession.AccessTokenAsync(HttpContext) ?? "";
}
