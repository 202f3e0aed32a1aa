using Platform.Panel.Backends;
using Platform.Panel.Keys;
using Platform.Panel.Pages.PlatformAdmin;
using Platform.Panel.Security;
using Platform.Panel.Sessions;
using Platform.Panel.Texts;

namespace Platform.Panel;

/// <summary>
/// The panel: server-rendered pages (Razor Pages) over the services' public APIs. It keeps the signed-in person's
/// platform tokens in its encrypted session cookie; its only state of its own is the data-protection key ring in
/// PostgreSQL (schema <c>panel</c>), shared by its replicas.
/// </summary>
public static class PanelService
{
    public const string Name = "panel";

    public static WebApplicationBuilder AddPanel(this WebApplicationBuilder builder)
    {
        builder.Services.AddPanelKeys(builder.Configuration);
        builder.Services.AddPanelSessions(builder.Environment);
        builder.Services.AddBackends(builder.Configuration);
        builder.Services.AddPanelTexts();
        builder.Services.AddPanelRoles();
        builder.Services.AddPlatformPages();
        builder.Services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/SignIn");
            o.Conventions.AllowAnonymousToPage("/Login/Link");
            o.Conventions.AuthorizeFolder("/Admin", Roles.AdminPolicy);
            o.Conventions.AllowAnonymousToPage("/Admin/SignIn");
            o.Conventions.AllowAnonymousToPage("/Admin/Denied");
            o.Conventions.AuthorizeFolder("/Platform", PlatformPages.Policy);
        });
        return builder;
    }

    public static WebApplication MapPanel(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeaders>();
        app.UsePanelTexts();
        app.UseStaticFiles();
        app.UseAuthentication();
        // After authentication: the antiforgery token is bound to who is signed in.
        app.UseMiddleware<LanguageSwitch>();
        app.UseAuthorization();
        app.MapRazorPages();
        return app;
    }
}
