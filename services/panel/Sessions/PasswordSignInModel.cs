using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Texts;

namespace Platform.Panel.Sessions;

/// <summary>
/// The steps both sign-ins share, the email users' and the admins': address and password; when auth asks for a second
/// factor, a code step that sends the same address and password again with the code (they travel in between in a
/// <see cref="PendingSignIn"/>); a refusal in plain words. Each sign-in names its login call and where it leads.
/// </summary>
public abstract class PasswordSignInModel(IDataProtectionProvider protection, PanelTexts texts, string purpose) : PageModel
{
    private readonly PendingSignIn _pending = new(protection, purpose);

    protected PanelTexts Texts { get; } = texts;

    [BindProperty]
    public string? Email { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty]
    public string? Pending { get; set; }

    public string? Refusal { get; private set; }

    /// <summary>Why the person is here, when the panel sent them (<see cref="SessionVerdicts"/>): their session stopped.</summary>
    [BindProperty(SupportsGet = true, Name = SessionVerdicts.NoticeParameter)]
    public string? Notice { get; set; }

    /// <summary>The notice's text key; none for a notice the panel does not give.</summary>
    public string? NoticeKey => SessionVerdicts.NoticeKey(Notice);

    public bool AskCode => Pending is not null;

    /// <summary>Where a signed-in person goes.</summary>
    protected abstract string SignedInPath { get; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        string? email = Email, password = Password;
        if (Pending is not null && !_pending.TryRead(Pending, out email, out password))
        {
            return Refuse("session_expired");
        }

        var answer = await LogInAsync(email, password, Pending is null ? null : Code, cancellationToken);
        (Password, Code) = (null, null);
        if (answer.Value is { } tokens)
        {
            return await PanelSession.SignInAsync(HttpContext, tokens) ? LocalRedirect(SignedInPath) : Refuse("invalid_token");
        }

        if (answer.Code is "mfa_required" or "mfa_invalid")
        {
            Pending = _pending.Protect(email, password);
            Refusal = answer.Code == "mfa_invalid" ? RefusalOf(answer.Code, null) : null;
            return Page();
        }

        return Refuse(answer.Code!, answer.RetryAfter);
    }

    /// <summary>auth's answer to the address, password and (at the code step) code.</summary>
    protected abstract Task<ApiAnswer<Tokens>> LogInAsync(string? email, string? password, string? code, CancellationToken cancellationToken);

    /// <summary>A refusal's code in plain words.</summary>
    protected virtual string RefusalOf(string code, TimeSpan? retryAfter) => Refusals.Message(Texts.Language, code, retryAfter);

    private PageResult Refuse(string code, TimeSpan? retryAfter = null)
    {
        Pending = null;
        Refusal = RefusalOf(code, retryAfter);
        return Page();
    }
}
