using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Security;
using Platform.ServiceDefaults.Http;

namespace Platform.Notifications.Settings;

/// <summary><c>GET/PUT /v1/domains/{domain}/notifications</c>: welcomes and branding, for the domain's admins.</summary>
public static class NotificationSettingsEndpoints
{
    public static RouteGroupBuilder MapNotificationSettings(this RouteGroupBuilder domain)
    {
        domain.MapGet("/notifications", GetAsync);
        domain.MapPut("/notifications", PutAsync);
        return domain;
    }

    private static async Task<Ok<SettingsView>> GetAsync(
        string domain, NotificationSettingsStore settings, CancellationToken cancellationToken)
    {
        var (current, saved) = await settings.GetAsync(DomainNames.Normalize(domain)!, cancellationToken);
        return TypedResults.Ok(new SettingsView(NotificationSettingsBody.From(current), saved));
    }

    private static async Task<Results<Ok<SettingsView>, ProblemHttpResult>> PutAsync(
        string domain, NotificationSettingsBody body, NotificationSettingsStore settings, HttpContext http, CancellationToken cancellationToken)
    {
        var name = DomainNames.Normalize(domain)!;
        var (valid, errors) = body.Validate(settings.Defaults, name, settings.PlatformSenders);
        if (valid is null)
        {
            return FieldProblems.Result("invalid_notification_settings", "The notification settings are not valid.", "Fix the fields named in errors.", errors);
        }

        await settings.SaveAsync(name, valid, http.User.GetSubject() ?? "unknown", cancellationToken);
        return TypedResults.Ok(new SettingsView(NotificationSettingsBody.From(valid), Saved: true));
    }

    public sealed record SettingsView(NotificationSettingsBody Settings, bool Saved);
}
