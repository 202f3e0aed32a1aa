namespace Platform.Panel.Backends;

/// <summary>Where the services' public APIs are (section <c>Panel:Services</c>, e.g. <c>Panel__Services__Auth</c>).</summary>
public sealed class BackendOptions
{
    public const string Section = "Panel:Services";

    public Uri Auth { get; set; } = new("http://127.0.0.1:8081");

    public Uri DirectorySync { get; set; } = new("http://127.0.0.1:8082");

    public Uri Notifications { get; set; } = new("http://127.0.0.1:8083");

    public Uri Reporting { get; set; } = new("http://127.0.0.1:8084");
}
