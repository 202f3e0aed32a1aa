using Microsoft.AspNetCore.DataProtection;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin;

/// <summary>
/// An admin's sign-in: a local account at auth's <c>POST /v1/admin/login</c> (never a directory); when the admin has
/// a second factor, a code step that sends the address and password again with the code, as the email users' sign-in.
/// A platform admin who must enrol a second factor first is signed in to that alone.
/// </summary>
public sealed class SignInModel(AuthApi auth, IDataProtectionProvider protection, PanelTexts texts)
    : PasswordSignInModel(protection, texts, "panel.admin.signin.pending")
{
    private bool _enrolling;

    /// <summary>A platform admin who must enrol a second factor first goes straight to their two-step verification.</summary>
    protected override string SignedInPath => _enrolling ? "/admin/me" : "/admin";

    /// <summary>
    /// auth's answer; a platform admin who must have a second factor and has none gets, for the right password, auth's
    /// short enrolment-only token: the session it makes opens their two-step verification and no other page.
    /// </summary>
    protected override async Task<ApiAnswer<Tokens>> LogInAsync(string? email, string? password, string? code, CancellationToken cancellationToken)
    {
        var answer = await auth.AdminLoginAsync(email, password, code, cancellationToken);
        _enrolling = answer.Value is { MfaEnrollmentRequired: true };
        return new ApiAnswer<Tokens>(answer.Value?.AsSession(), answer.Status, answer.Code, answer.RetryAfter);
    }
}
