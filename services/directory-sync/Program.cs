using Platform.DirectorySync;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(DirectorySyncService.Name, DirectorySyncService.AddConsumers);
builder.AddDirectorySync();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDirectorySync();
app.Run();

/// <summary>Entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
