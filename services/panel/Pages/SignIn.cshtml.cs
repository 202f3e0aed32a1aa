using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages;

/// <summary>
/// Sign-in with address and directory password at auth's <c>POST /v1/login</c>; when auth asks for a second factor,
/// a code step that sends the same address and password again with the code. Between the two steps the address and
/// password travel in a hidden field encrypted for five minutes (the panel keeps no state of its own).
/// </summary>
public sealed class SignInModel(AuthApi auth, IDataProtectionProvider protection, PanelTexts texts)
    : PasswordSignInModel(protection, texts, "panel.signin.pending")
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    protected override string SignedInPath => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";

    protected override Task<ApiAnswer<Tokens>> LogInAsync(string? email, string? password, string? code, CancellationToken cancellationToken) =>
        auth.LoginAsync(email, password, code, cancellationToken);
}
