using Platform.Panel;
using Platform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults(PanelService.Name);
builder.AddPanel();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPanel();
app.Run();

/// <summary>Entry point, public so tests can host the panel with WebApplicationFactory.</summary>
public partial class Program;
