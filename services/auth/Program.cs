using Platform.Auth;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(AuthService.Name, AuthService.AddConsumers);
builder.AddAuth();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAuth();
app.Run();

/// <summary>Entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
