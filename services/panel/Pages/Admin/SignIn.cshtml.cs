using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin;

/// <summary>
/// An admin's sign-in: a local account at auth's <c>POST /v1/admin/login</c> (never a directory); when the admin has
/// a second factor, a code step that sends the address and password again with the code, as the email users' sign-in.
/// </summary>
public sealed class SignInModel(AuthApi auth, IDataProtectionProvider protection, PanelTexts texts) : PageModel
{
    private readonly PendingSignIn _pending = new(protection, "panel.admin.signin.pending");

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Pending { get; set; }

    public string? Refusal { get; private set; }

    public bool AskCode => Pending is not null;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        string? email = Email, password = Password;
        if (Pending is not null && !_pending.TryRead(Pending, out email, out password))
        {
            Pending = null;
            Refusal = Refusals.Message(texts.Language, "session_expired", null);
            return Page();
        }

        var answer = await auth.AdminLoginAsync(email, password, Pending is null ? null : Code, cancellationToken);
        (Password, Code) = (null, null);
        if (answer.Value is { MfaEnrollmentRequired: true })
        {
            // A platform admin who must have a second factor and has none: the token enrolls one and opens nothing else.
            (Pending, Refusal) = (null, texts["AdminSignIn.EnrollFirst"]);
            return Page();
        }

        if (answer.Value is { } tokens)
        {
            return await PanelSession.SignInAsync(HttpContext, tokens.AsSession())
                ? LocalRedirect("/admin")
                : Refuse("invalid_token");
        }

        if (answer.Code is "mfa_required" or "mfa_invalid")
        {
            Pending = _pending.Protect(email, password);
            Refusal = answer.Code == "mfa_invalid" ? Refusals.Message(texts.Language, answer.Code, null) : null;
            return Page();
        }

        return Refuse(answer.Code!, answer.RetryAfter);
    }

    private PageResult Refuse(string code, TimeSpan? retryAfter = null)
    {
        Pending = null;
        Refusal = Refusals.Message(texts.Language, code, retryAfter);
        return Page();
    }
}
