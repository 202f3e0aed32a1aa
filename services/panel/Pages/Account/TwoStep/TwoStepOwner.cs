using Platform.Panel.Backends;

namespace Platform.Panel.Pages.Account.TwoStep;

/// <summary>
/// Whose two-step verification the shared pages manage: auth's endpoints of it (<see cref="Totp"/>) and the panel's
/// page of its state and page of its setup. An email user's and an admin's differ only in these.
/// </summary>
public sealed record TwoStepOwner(string Totp, string StatusPage, string EnrolPage)
{
    public static readonly TwoStepOwner EmailUser = new(AuthApi.UserTotp, "/Account/TwoStep/Index", "/Account/TwoStep/Enrol");

    public static readonly TwoStepOwner Admin = new(AuthApi.AdminTotp, "/Admin/Me/Index", "/Admin/Me/TwoStep");
}
