using Microsoft.AspNetCore.DataProtection;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Account.TwoStep;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Me;

/// <summary>
/// An admin sets up their authenticator app: auth's <c>POST /v1/admin/me/totp</c>, then <c>…/confirm</c>. A platform admin
/// who had to do this first (an enrolment-only session) is signed out with the recovery codes: their token opens
/// nothing more, and they sign in again with their password and a code.
/// </summary>
[OpenWhileEnrolling]
public sealed class TwoStepModel(AuthApi auth, IDataProtectionProvider protection, PanelTexts texts)
    : TwoStepEnrolModel(auth, protection, texts, TwoStepOwner.Admin, "panel.admin.two-step.enrolment")
{
    protected override async Task ConfirmedAsync()
    {
        if (User.IsEnrollingTotp())
        {
            await PanelSession.EndAsync(HttpContext);
            SignInAgain = true;
        }
    }
}
