using Microsoft.Extensions.Options;

namespace Platform.Panel.Backends;

public static class BackendsExtensions
{
    public static IServiceCollection AddBackends(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackendOptions>().Bind(configuration.GetSection(BackendOptions.Section));
        services.AddHttpContextAccessor().AddTransient<ForwardedFor>();
        services.AddHttpClient<AuthApi>((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BackendOptions>>().Value.Auth))
            .AddHttpMessageHandler<ForwardedFor>();
        services.AddHttpClient<NotificationsApi>((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BackendOptions>>().Value.Notifications));
        services.AddHttpClient<DirectorySyncApi>((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BackendOptions>>().Value.DirectorySync));
        services.AddHttpClient<ReportingApi>((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BackendOptions>>().Value.Reporting));
        services.AddHttpClient<DirectoryUsersApi>((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BackendOptions>>().Value.DirectorySync));
        services.AddHttpClient<NotificationSettingsApi>((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BackendOptions>>().Value.Notifications));
        services.AddHttpClient<ReportingSettingsApi>((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BackendOptions>>().Value.Reporting));
        services.AddHttpClient<AdminApi>((provider, http) => Configure(http, provider.GetRequiredService<IOptions<BackendOptions>>().Value.Auth));
        return services;
    }

    private static void Configure(HttpClient http, Uri baseAddress)
    {
        http.BaseAddress = baseAddress;
        http.Timeout = TimeSpan.FromSeconds(30);
    }
}
