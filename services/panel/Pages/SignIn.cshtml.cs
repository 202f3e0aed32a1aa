using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages;

/// <summary>
/// Sign-in with address and directory password at auth's <c>POST /v1/login</c>; when auth asks for a second factor,
/// a code step that sends the same address and password again with the code. Between the two steps the address and
/// password travel in a hidden field encrypted for five minutes (the panel keeps no state of its own).
/// </summary>
public sealed class SignInModel(AuthApi auth, IDataProtectionProvider protection, PanelTexts texts) : PageModel
{
    private readonly PendingSignIn _pending = new(protection, "panel.signin.pending");

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Pending { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

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

        var answer = await auth.LoginAsync(email, password, Pending is null ? null : Code, cancellationToken);
        Password = null;
        Code = null;
        if (answer.Value is { } tokens)
        {
            if (await PanelSession.SignInAsync(HttpContext, tokens))
            {
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            }

            answer = answer with { Code = "invalid_token" };
        }

        if (answer.Code is "mfa_required" or "mfa_invalid")
        {
            Pending = _pending.Protect(email, password);
            Refusal = answer.Code == "mfa_invalid" ? Refusals.Message(texts.Language, answer.Code, null) : null;
            return Page();
        }

        Pending = null;
        Refusal = Refusals.Message(texts.Language, answer.Code!, answer.RetryAfter);
        return Page();
    }
}
