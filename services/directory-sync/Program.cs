using Platform.DirectorySync;
using Platform.Outbox.Store;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(DirectorySyncService.Name, DirectorySyncService.AddConsumers);
builder.AddDirectorySync();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDirectorySync();
// Serves, or runs the operator step the arguments name (apply-schema, rebuild-projection <name>: docs/eventstore.md).
return await app.RunOrStepAsync(args);

/// <summary>Entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
