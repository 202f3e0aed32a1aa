namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// The image of a service as docker-compose.yml builds it from deploy/docker/service.Dockerfile: its repository
/// (the compose image without its tag) and the HTTP port its runtime stage listens on and exposes.
/// </summary>
internal sealed record ServiceImage(string Repository, int? ListenPort, IReadOnlyList<int> ExposedPorts)
{
    /// <summary>The variable ASP.NET Core takes its HTTP ports from, set by the image.</summary>
    public const string HttpPortsVariable = "ASPNETCORE_HTTP_PORTS";

    public static ServiceImage Of(ServiceFolder folder)
    {
        var service = ComposeFile.Load().Service(folder.Name);
        var build = service.Build ?? throw new Xunit.Sdk.XunitException($"docker-compose.yml does not build '{folder.Name}'.");
        var runtime = Dockerfile.Load(build).FinalStage;
        var exposed = runtime.Arguments("EXPOSE")
            .SelectMany(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(port => new YamlNode(port.Split('/')[0]).Int)
            .OfType<int>()
            .ToList();
        return new ServiceImage(RepositoryOf(service.Image ?? ""), new YamlNode(runtime.EnvironmentValue(HttpPortsVariable)).Int, exposed);
    }

    /// <summary>An image name without its tag or digest: <c>platform/auth:dev</c> is <c>platform/auth</c>.</summary>
    public static string RepositoryOf(string image) => Split(image).Repository;

    /// <summary>The tag of an image name; null when it has none.</summary>
    public static string? TagOf(string image) => Split(image).Tag;

    private static (string Repository, string? Tag) Split(string image)
    {
        var name = image.Split('@')[0];
        var colon = name.LastIndexOf(':');
        return colon > name.LastIndexOf('/') ? (name[..colon], name[(colon + 1)..]) : (name, null);
    }
}
