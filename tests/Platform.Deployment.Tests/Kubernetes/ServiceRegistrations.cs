extern alias auth;
extern alias directorysync;
extern alias notifications;
extern alias panel;
extern alias reporting;
using Microsoft.AspNetCore.Builder;
using Platform.ServiceDefaults;
using Auth = auth::Platform.Auth.AuthService;
using DirectorySync = directorysync::Platform.DirectorySync.DirectorySyncService;
using Notifications = notifications::Platform.Notifications.NotificationsService;
using Panel = panel::Platform.Panel.PanelService;
using Reporting = reporting::Platform.Reporting.ReportingService;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>What each service's Program.cs registers before it builds its host, by its folder under services/.</summary>
internal static class ServiceRegistrations
{
    private static readonly Dictionary<string, Action<WebApplicationBuilder>> ByFolder = new(StringComparer.Ordinal)
    {
        ["auth"] = builder => Auth.AddAuth(builder.AddServiceDefaults(Auth.Name, Auth.AddConsumers)),
        ["directory-sync"] = builder => DirectorySync.AddDirectorySync(builder.AddServiceDefaults(DirectorySync.Name, DirectorySync.AddConsumers)),
        ["notifications"] = builder => Notifications.AddNotifications(builder.AddServiceDefaults(Notifications.Name, Notifications.AddConsumers)),
        ["reporting"] = builder => Reporting.AddReporting(builder.AddServiceDefaults(Reporting.Name, Reporting.AddConsumers)),
        ["panel"] = builder => Panel.AddPanel(builder.AddServiceDefaults(Panel.Name)),
    };

    public static void Register(string folder, WebApplicationBuilder builder) =>
        (ByFolder.GetValueOrDefault(folder) ?? throw new Xunit.Sdk.XunitException(
            $"services/{folder} is not known to {nameof(ServiceRegistrations)}: add what its Program.cs registers."))(builder);
}
