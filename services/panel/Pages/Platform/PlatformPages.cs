using Microsoft.AspNetCore.Authorization;
using Platform.Security;

namespace Platform.Panel.Pages.PlatformAdmin;

/// <summary>The pages under <c>/platform</c> are for platform admins only (auth's admin APIs refuse anyone else too).</summary>
public static class PlatformPages
{
    public const string Policy = "panel-platform-admin";

    public static IServiceCollection AddPlatformPages(this IServiceCollection services) =>
        services.AddAuthorization(o => o.AddPolicy(Policy, policy => policy.RequireAuthenticatedUser().RequireAssertion(c => c.User.IsPlatformAdmin())));
}
