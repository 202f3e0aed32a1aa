using Microsoft.AspNetCore.DataProtection;
using Platform.Panel.Backends;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Account.TwoStep;

/// <summary>An email user sets up their authenticator app: auth's <c>POST /v1/me/totp</c>, then <c>…/confirm</c>.</summary>
public sealed class EnrolModel(AuthApi auth, IDataProtectionProvider protection, PanelTexts texts)
    : TwoStepEnrolModel(auth, protection, texts, TwoStepOwner.EmailUser, "panel.two-step.enrolment");
