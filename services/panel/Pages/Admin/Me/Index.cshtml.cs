using Microsoft.AspNetCore.Mvc;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Account.TwoStep;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Me;

/// <summary>
/// An admin's own account: their two-step verification (auth's <c>/v1/admin/me/totp</c>, as an email user's page shows
/// theirs) and their password (<c>POST /v1/admin/me/password</c>, the current one and the new one twice). A platform
/// admin who must enrol a second factor first sees only the two-step part.
/// </summary>
[OpenWhileEnrolling]
public sealed class IndexModel(AuthApi auth, PanelTexts texts) : TwoStepStatusModel(auth, texts, TwoStepOwner.Admin)
{
    [BindProperty]
    public string? CurrentPassword { get; set; }

    [BindProperty]
    public string? NewPassword { get; set; }

    [BindProperty]
    public string? NewPasswordAgain { get; set; }

    public bool PasswordChanged { get; private set; }

    public string? PasswordRefusal { get; private set; }

    public async Task<IActionResult> OnPostPasswordAsync(CancellationToken cancellationToken)
    {
        if (!User.IsAdmin())
        {
            return Forbid();
        }

        var answer = NewPassword != NewPasswordAgain
            ? new ApiAnswer<object>(null, StatusCodes.Status400BadRequest, MyAccountWords.Mismatch)
            : await Auth.ChangeAdminPasswordAsync(await AccessTokenAsync(), CurrentPassword, NewPassword, cancellationToken);
        (CurrentPassword, NewPassword, NewPasswordAgain) = (null, null, null);
        PasswordChanged = answer.Status == StatusCodes.Status204NoContent;
        PasswordRefusal = PasswordChanged ? null : MyAccountWords.PasswordRefusal(Texts.Language, answer.Code!, answer.RetryAfter);
        await ShowAsync(cancellationToken);
        return Page();
    }
}
