using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.Panel.Sessions;

public static class SessionsExtensions
{
    public const string CookieName = "panel.session";

    /// <summary>The encrypted session cookie (HttpOnly, SameSite=Lax, Secure outside Development) and antiforgery alike.</summary>
    public static IServiceCollection AddPanelSessions(this IServiceCollection services, IWebHostEnvironment environment)
    {
        var secure = environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TokenCheck>();
        services.AddScoped<SessionValidation>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.LoginPath = SessionVerdicts.UserSignIn;
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/admin/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
            o.EventsType = typeof(SessionValidation);
        });
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "panel.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = secure;
        });
        return services;
    }

}
