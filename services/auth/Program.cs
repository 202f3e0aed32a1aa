using Platform.Auth;
using Platform.Outbox.Store;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(AuthService.Name, AuthService.AddConsumers);
builder.AddAuth();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapAuth();
// Serves, or runs the operator step the arguments name (apply-schema, rebuild-projection <name>: docs/eventstore.md).
return await app.RunOrStepAsync(args);

/// <summary>Entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
