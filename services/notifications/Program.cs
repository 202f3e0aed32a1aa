using Platform.Notifications;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(NotificationsService.Name, NotificationsService.AddConsumers);
builder.AddNotifications();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapNotifications();
app.Run();

/// <summary>Entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
