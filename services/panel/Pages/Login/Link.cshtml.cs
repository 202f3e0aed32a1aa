using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Login;

/// <summary>
/// The login link's landing: <c>GET /login/link?token=…</c> shows whom the link signs in (auth's
/// <c>POST /v1/login/link/peek</c>, which does not spend the one-time token, so mail scanners that fetch the link do
/// not either) and a button, or why the link would be refused; the button's POST spends it at auth's
/// <c>POST /v1/login/link</c> and signs in.
/// </summary>
public sealed class LinkModel(AuthApi auth, PanelTexts texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public bool AskCode { get; private set; }

    public string? Refusal { get; private set; }

    public LinkPeek? Addressee { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Token))
        {
            return;
        }

        var peek = await auth.PeekLinkAsync(Token, cancellationToken);
        Addressee = peek.Value;
        // A link auth refuses is said so before the click; when auth cannot tell now, the button still tries.
        if (peek.Code is "invalid_link" or "link_used" or "link_expired")
        {
            Refusal = Refusals.Message(texts.Language, peek.Code, null);
            Token = null;
        }
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
