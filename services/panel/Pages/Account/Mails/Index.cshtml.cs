using Microsoft.AspNetCore.Mvc.RazorPages;
using Platform.Panel.Backends;
using Platform.Panel.Sessions;

namespace Platform.Panel.Pages.Account.Mails;

/// <summary>"My mails": what the platform mailed the user (welcome, reports) and whether it went out, from notifications' history.</summary>
public sealed class IndexModel(NotificationsApi notifications) : PageModel
{
    public IReadOnlyList<SentMail> Mails { get; private set; } = [];

    public string? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var answer = await notifications.MyMailsAsync(await PanelSession.AccessTokenAsync(HttpContext) ?? "", User.Domain(), User.Email(), cancellationToken);
        Mails = answer.Value?.Notifications ?? [];
        Problem = answer.Ok ? null : answer.Code;
    }

    /// <summary>The text key of a mail's kind or state; one the panel does not know yet is shown as it is.</summary>
    public static string Key(string group, string value) => MailsWords.Set.English.ContainsKey($"Mails.{group}.{value}") ? $"Mails.{group}.{value}" : value;
}
