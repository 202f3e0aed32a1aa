using Platform.Contracts;

namespace Platform.Auth.Links;

/// <summary>Login links (section <c>Auth:LoginLinks</c>): where they point and how long each purpose's link lives.</summary>
public sealed class LoginLinkOptions
{
    public const string Section = "Auth:LoginLinks";

    /// <summary>The panel's landing page (<c>./platform up</c> serves the panel on 8080) that takes the token (<c>?token=…</c> is added) and posts it to <c>/v1/login/link</c>.</summary>
    public string BaseUrl { get; set; } = "http://127.0.0.1:8080/login/link";

    public TimeSpan WelcomeLifetime { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan ReportLifetime { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan LoginLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a link of <paramref name="purpose"/> is good for; an unknown purpose gets the shortest.</summary>
    public TimeSpan LifetimeOf(string purpose) => purpose switch
    {
        LoginLinkPurposes.Welcome => WelcomeLifetime,
        LoginLinkPurposes.Report => ReportLifetime,
        _ => LoginLifetime,
    };
}
