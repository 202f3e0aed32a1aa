using Microsoft.AspNetCore.DataProtection;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin;

/// <summary>
/// An admin's sign-in: a local account at auth's <c>POST /v1/admin/login</c> (never a directory); when the admin has
/// a second factor, a code step that sends the address and password again with the code, as the email users' sign-in.
/// </summary>
public sealed class SignInModel(AuthApi auth, IDataProtectionProvider protection, PanelTexts texts)
    : PasswordSignInModel(protection, texts, "panel.admin.signin.pending")
{
    /// <summary>A platform admin who must have a second factor and has none: the token enrolls one and opens nothing else.</summary>
    private const string EnrollFirst = "mfa_enrollment_required";

    protected override string SignedInPath => "/admin";

    protected override async Task<ApiAnswer<Tokens>> LogInAsync(string? email, string? password, string? code, CancellationToken cancellationToken)
    {
        var answer = await auth.AdminLoginAsync(email, password, code, cancellationToken);
        return answer.Value is { MfaEnrollmentRequired: true }
            ? new ApiAnswer<Tokens>(null, answer.Status, EnrollFirst)
            : new ApiAnswer<Tokens>(answer.Value?.AsSession(), answer.Status, answer.Code, answer.RetryAfter);
    }

    protected override string RefusalOf(string code, TimeSpan? retryAfter) =>
        code == EnrollFirst ? Texts["AdminSignIn.EnrollFirst"] : base.RefusalOf(code, retryAfter);
}
