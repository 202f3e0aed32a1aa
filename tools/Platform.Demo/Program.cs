using System.Globalization;
using Platform.Demo.Story;
using Platform.Testing;

// ./platform demo: the story against a running ./platform up (endpoints and credentials from .platform/env).
var basePort = int.Parse(Environment.GetEnvironmentVariable("PLATFORM_BASE_PORT") ?? "8081", CultureInfo.InvariantCulture);
var endpoints = PlatformEndpoints.FromBasePort(basePort);
var cast = new StoryCast(
    DemoDirectory.Domain, DemoDirectory.Settings(), Infrastructure.Get("Auth:Admin:Email"), Infrastructure.Get("Auth:Admin:Password"),
    DemoDirectory.UserPassword, Infrastructure.Get("RabbitMq:VirtualHost"), SinkMail.SharedMailDir);

Console.WriteLine($"The platform's story, played against auth {endpoints.Auth}, directory-sync {endpoints.DirectorySync}, "
    + $"notifications {endpoints.Notifications}, reporting {endpoints.Reporting}.");
using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
var story = new PlatformStory(endpoints, cast, Console.WriteLine, http);
try
{
    var facts = await story.PlayAsync(args.Length > 0 ? args[0] : null);
    Console.WriteLine();
    Console.WriteLine("Traces to look up in Jaeger (service \"auth\", \"directory-sync\", \"notifications\" or \"reporting\"; search by trace id):");
    foreach (var (flow, traceId) in facts.Traces)
    {
        Console.WriteLine($"   {traceId}  {flow}");
    }

    Console.WriteLine($"   {facts.ReportTraceId}  report");
    Console.WriteLine();
    Console.WriteLine($"demo: the story played to its end for {facts.User}.");
    return 0;
}
catch (Exception e) when (e is StoryException or HttpRequestException or InvalidOperationException)
{
    Console.WriteLine();
    Console.WriteLine($"demo: stopped: {e.Message}");
    return 1;
}
