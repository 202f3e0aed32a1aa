using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Login;

/// <summary>
/// The login link's landing: <c>GET /login/link?token=…</c> only shows a button (mail scanners that fetch the link
/// do not spend the one-time token); the button's POST spends it at auth's <c>POST /v1/login/link</c> and signs in.
/// auth has no way to look at a link without using it, so the page cannot name the person before the click.
/// </summary>
public sealed class LinkModel(AuthApi auth, PanelTexts texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public bool AskCode { get; private set; }

    public string? Refusal { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var answer = await auth.LinkLoginAsync(Token, Code, cancellationToken);
        Code = null;
        if (answer.Value is { } tokens)
        {
            if (await PanelSession.SignInAsync(HttpContext, tokens))
            {
                return LocalRedirect("/");
            }

            answer = answer with { Code = "invalid_token" };
        }

        AskCode = answer.Code is "mfa_required" or "mfa_invalid";
        Refusal = answer.Code == "mfa_required" ? null : Refusals.Message(texts.Language, answer.Code!, answer.RetryAfter);
        if (!AskCode)
        {
            Token = null;
        }

        return Page();
    }
}
