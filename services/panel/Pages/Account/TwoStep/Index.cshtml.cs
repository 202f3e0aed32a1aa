using Platform.Panel.Backends;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Account.TwoStep;

/// <summary>An email user's two-step verification: auth's <c>GET /v1/me/totp</c>, turned off with <c>…/disable</c>.</summary>
public sealed class IndexModel(AuthApi auth, PanelTexts texts) : TwoStepStatusModel(auth, texts, TwoStepOwner.EmailUser);
