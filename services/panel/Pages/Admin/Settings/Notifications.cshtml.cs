using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Pages.Admin.Users;
using Platform.Panel.Texts;

namespace Platform.Panel.Pages.Admin.Settings;

/// <summary>
/// The domain's notification settings (notifications' <c>GET/PUT …/notifications</c>): welcome mails on or off, and the
/// branding of every mail — the sender's name and address, the language, the organisation's name, a footer and an accent
/// colour. notifications validates them and names each refused field.
/// </summary>
public sealed class NotificationsModel(NotificationSettingsApi notifications, PanelTexts texts) : PageModel
{
    public static readonly string[] Languages = ["en", "de"];

    [FromRoute]
    public string Domain { get; set; } = "";

    [BindProperty]
    public bool WelcomeEnabled { get; set; }

    [BindProperty]
    public bool WelcomeDirectoryUsers { get; set; }

    [BindProperty]
    public string? SenderName { get; set; }

    [BindProperty]
    public string? SenderAddress { get; set; }

    [BindProperty]
    public string? Language { get; set; }

    [BindProperty]
    public string? OrganisationName { get; set; }

    [BindProperty]
    public string? Footer { get; set; }

    [BindProperty]
    public string? AccentColor { get; set; }

    public bool Own { get; private set; }

    public bool Saved { get; private set; }

    public string? Problem { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Show(await notifications.GetAsync(await HttpContext.TokenAsync(), Domain, cancellationToken));

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var settings = new NotificationSettings(
            WelcomeEnabled, WelcomeDirectoryUsers, SenderName ?? "", SenderAddress ?? "", Language, OrganisationName ?? "", Footer ?? "", AccentColor ?? "");
        var answer = await notifications.SaveAsync(await HttpContext.TokenAsync(), Domain, settings, cancellationToken);
        Show(answer);
        Saved = answer.Ok;
        return Page();
    }

    private void Show(ApiAnswer<NotificationSettingsView> answer)
    {
        if (answer.Value is { Settings: var s } view)
        {
            (WelcomeEnabled, WelcomeDirectoryUsers, SenderName, SenderAddress, Language, Own) =
                (s.WelcomeEnabled ?? false, s.WelcomeDirectoryUsers ?? false, s.SenderName, s.SenderAddress, s.Language, view.Saved);
            (OrganisationName, Footer, AccentColor) = (s.OrganisationName, s.Footer, s.AccentColor);
        }

        (Problem, Errors) = (answer.Ok ? null : answer.Code, texts.Say(answer.Errors, SettingsFieldWords.Notifications));
    }
}
