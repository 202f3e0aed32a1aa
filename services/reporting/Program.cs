using Platform.Reporting;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(ReportingService.Name, ReportingService.AddConsumers);
builder.AddReporting();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapReporting();
app.Run();

/// <summary>Entry point, public so tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
