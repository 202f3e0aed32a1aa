using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Account.TwoStep;

/// <summary>
/// Setting up the authenticator app, for an email user and an admin alike (<see cref="TwoStepOwner"/>; the view is
/// <c>Shared/_TwoStepEnrol</c>): the start (a POST: auth makes a new secret) shows its QR code and the key in text; the
/// first code from the app confirms it and the recovery codes are shown, once. Between the two the secret travels in a
/// hidden field encrypted with data protection for fifteen minutes, so a wrong code can show the QR code again (the
/// panel keeps no state of its own).
/// </summary>
public abstract class TwoStepEnrolModel(AuthApi auth, IDataProtectionProvider protection, PanelTexts texts, TwoStepOwner owner, string purpose) : PageModel
{
    private readonly ProtectedField<TotpEnrollment> _pending = new(protection, purpose, TimeSpan.FromMinutes(15));

    public TwoStepOwner Owner => owner;

    [BindProperty]
    public string? Pending { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public TotpEnrollment? Enrollment { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? Refusal { get; private set; }

    /// <summary>The session ended with the setup: the recovery codes' page leads to the sign-in, not back to the state.</summary>
    public bool SignInAgain { get; protected set; }

    /// <summary>The key in groups of four, as authenticator apps show and ask for it.</summary>
    public string KeyInGroups => string.Join(' ', Enrollment!.Secret.Chunk(4).Select(c => new string(c)));

    public IActionResult OnGet() => RedirectToPage(owner.StatusPage);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.StartTotpAsync(owner.Totp, await AccessTokenAsync(), cancellationToken);
        if (answer.Value is not { } enrollment)
        {
            Refusal = TwoStepWords.Refusal(texts.Language, answer.Code!, answer.RetryAfter);
            return Page();
        }

        Show(enrollment);
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(CancellationToken cancellationToken)
    {
        if (_pending.Unprotect(Pending) is not { } enrollment)
        {
            Refusal = TwoStepWords.Refusal(texts.Language, "setup_expired", null);
            return Page();
        }

        var answer = await auth.ConfirmTotpAsync(owner.Totp, await AccessTokenAsync(), Code, cancellationToken);
        Code = null;
        if (answer.Value is { } codes)
        {
            Pending = null;
            RecoveryCodes = codes.RecoveryCodes;
            await ConfirmedAsync();
            return Page();
        }

        Refusal = TwoStepWords.Refusal(texts.Language, answer.Code!, answer.RetryAfter);
        if (answer.Code is "mfa_invalid" or "mfa_attempts_exceeded")
        {
            Show(enrollment);
        }

        return Page();
    }

    /// <summary>After the first code turned the second factor on, before the recovery codes are shown.</summary>
    protected virtual Task ConfirmedAsync() => Task.CompletedTask;

    private void Show(TotpEnrollment enrollment)
    {
        Enrollment = enrollment;
        Pending = _pending.Protect(enrollment);
    }

    private async Task<string> AccessTokenAsync() => await PanelSession.AccessTokenAsync(HttpContext) ?? "";
}
