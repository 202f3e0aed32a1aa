using Microsoft.AspNetCore.DataProtection;
using Platform.ServiceDefaults.Health;
using Xunit;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// Each service's container as the overlays deploy it: the port its image listens on, the health endpoints
/// Platform.ServiceDefaults maps, a non-root user on a read-only root filesystem with writable volumes where the
/// service writes, resources, and time to shut down.
/// </summary>
[Collection(KubernetesOverlaysCollection.Name)]
public sealed class The_kubernetes_containers(KubernetesOverlays overlays)
{
    /// <summary>Home of the user the aspnet base image runs as (<c>app</c>, uid APP_UID, created with its home).</summary>
    private const string ImageUserHome = "/home/app";

    /// <summary>Each endpoint and the checks it runs (<see cref="HealthExtensions.MapPlatformHealthEndpoints"/>).</summary>
    private static readonly Dictionary<string, string> HealthEndpointTags = new(StringComparer.Ordinal)
    {
        [HealthExtensions.LivePath] = HealthTags.Live,
        [HealthExtensions.ReadyPath] = HealthTags.Ready,
    };

    [Theory]
    [EveryOverlay]
    public async Task Listen_on_the_port_their_image_serves_and_their_service_routes_to(string overlay)
    {
        var deployed = await overlays.LoadAsync(overlay);
        Problems.AssertNone(deployed.ForEachService(service => PortProblems(deployed, service)));
    }

    [Theory]
    [EveryOverlay]
    public async Task Probe_the_health_endpoints_the_services_map(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(ProbeProblems));

    [Theory]
    [EveryOverlay]
    public async Task Run_as_non_root_on_a_read_only_root_filesystem(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service => PodSecurity.Problems(service.Workload)));

    [Theory]
    [EveryOverlay]
    public async Task Mount_a_writable_volume_wherever_the_service_writes(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
        {
            var environment = service.Environment.Variables;
            // Path.GetTempPath: TMPDIR, else /tmp. Platform.Directory writes per-domain LDAP CA certificates under it.
            var written = new List<(string Path, string Why)> { (environment.GetValueOrDefault("TMPDIR") ?? "/tmp", "the temp folder") };
            if (service.Service.Registers<IDataProtectionProvider>())
            {
                // ASP.NET Core's data protection (AddAuthentication brings it) creates its key ring at start, under $HOME.
                written.Add(($"{environment.GetValueOrDefault("HOME") ?? ImageUserHome}/.aspnet/DataProtection-Keys", "data protection keys"));
            }

            return written.Where(w => !PodSecurity.Writable(service.Workload, w.Path))
                .Select(w => $"{w.Why} {w.Path} is on the read-only root filesystem: mount an emptyDir there");
        }));

    [Theory]
    [EveryOverlay]
    public async Task Request_and_limit_cpu_and_memory(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
            from resource in new[] { "cpu", "memory" }
            let request = ResourceQuantity.Parse(service.Workload.Container.At($"resources.requests.{resource}").Text)
            let limit = ResourceQuantity.Parse(service.Workload.Container.At($"resources.limits.{resource}").Text)
            where request is null || limit is null || request > limit
            select $"{resource}: request {request?.ToString() ?? "missing"}, limit {limit?.ToString() ?? "missing"}"));

    [Theory]
    [EveryOverlay]
    public async Task Outlast_the_hosts_shutdown_before_being_killed(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
        {
            // Kubernetes sends SIGKILL this long after the preStop hook began; 30 s unless the pod says otherwise.
            var grace = TimeSpan.FromSeconds(service.Workload.PodSpec["terminationGracePeriodSeconds"].Int ?? 30);
            var needed = PreStopPause(service.Workload) + service.Service.ShutdownTimeout;
            return grace > needed ? [] : [$"terminationGracePeriodSeconds is {grace.TotalSeconds}, but the preStop pause and the host's shutdown take {needed.TotalSeconds} s"];
        }));

    private static IEnumerable<string> PortProblems(DeployedOverlay deployed, DeployedService service)
    {
        var image = ServiceImage.Of(service.Folder);
        var port = ListenPort(service);
        if (port is null || !image.ExposedPorts.Contains(port.Value))
        {
            yield return $"the image listens on {port?.ToString() ?? "no port"} ({ServiceImage.HttpPortsVariable}) but exposes [{string.Join(", ", image.ExposedPorts)}]";
        }

        if (service.Workload.ContainerPort(new YamlNode("http")) != port)
        {
            yield return $"its container port 'http' is not {port}, the port the service listens on";
        }

        var route = service.Companion("Service");
        var selector = route.At("spec.selector").Strings;
        if (!route.Exists || !service.Workload.PodsMatch(selector))
        {
            yield return $"no Service '{service.Folder.Name}' selects its pods";
        }
        else if (deployed.Services.Where(other => other != service).FirstOrDefault(other => other.Workload.PodsMatch(selector)) is { } other)
        {
            yield return $"its Service also selects the pods of {other.Folder.Name}";
        }

        foreach (var target in route.At("spec.ports").Items.Select(p => p["targetPort"]))
        {
            if (service.Workload.ContainerPort(target) is not { } targeted || targeted != port)
            {
                yield return $"its Service sends traffic to port '{target}', not {port}";
            }
        }
    }

    private static IEnumerable<string> ProbeProblems(DeployedService service)
    {
        var container = service.Workload.Container;
        var port = ListenPort(service);
        foreach (var (probe, path, required) in new[]
        {
            ("livenessProbe", HealthExtensions.LivePath, true),
            ("readinessProbe", HealthExtensions.ReadyPath, true),
            ("startupProbe", HealthExtensions.LivePath, false),
        })
        {
            var get = container[probe]["httpGet"];
            if (!container[probe].Exists)
            {
                if (required)
                {
                    yield return $"has no {probe}";
                }

                continue;
            }

            if (get["path"].Text != path)
            {
                yield return $"{probe} gets '{get["path"]}', not {path}";
            }

            if (service.Workload.ContainerPort(get["port"]) is not { } probed || probed != port)
            {
                yield return $"{probe} asks port '{get["port"]}', not {port}, the port the service listens on";
            }

            // A probe that gives up before the endpoint's own checks time out reports the probe, not the service.
            var timeout = TimeSpan.FromSeconds(container[probe]["timeoutSeconds"].Int ?? 1);
            var checks = HealthEndpointTags.TryGetValue(get["path"].Text ?? "", out var tag)
                ? service.Service.HealthChecks.Where(c => c.Tags.Contains(tag) && c.Timeout > TimeSpan.Zero).Select(c => c.Timeout).DefaultIfEmpty().Max()
                : TimeSpan.Zero;
            if (timeout <= checks)
            {
                yield return $"{probe} waits {timeout.TotalSeconds} s, no longer than its checks may take ({checks.TotalSeconds} s)";
            }
        }
    }

    /// <summary>The pause of a <c>sleep</c> preStop hook (exec or the sleep action); zero without one.</summary>
    private static TimeSpan PreStopPause(Workload workload)
    {
        var hook = workload.Container.At("lifecycle.preStop");
        var seconds = hook.At("sleep.seconds").Int
            ?? (hook.At("exec.command").Items.Select(i => i.Text).ToList() is ["sleep", var s] ? new YamlNode(s).Int : null);
        return TimeSpan.FromSeconds(seconds ?? 0);
    }

    /// <summary>The port ASP.NET Core listens on in the container: the image's, unless the Deployment sets another.</summary>
    private static int? ListenPort(DeployedService service) =>
        new YamlNode(service.Environment.Variables.GetValueOrDefault(ServiceImage.HttpPortsVariable)).Int ?? ServiceImage.Of(service.Folder).ListenPort;
}
