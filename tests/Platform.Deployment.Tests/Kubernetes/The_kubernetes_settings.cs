using Platform.Security.Secrets;
using Platform.Security.Tokens;
using Platform.ServiceDefaults.Data;
using Xunit;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// The environment each overlay gives each service — ConfigMaps as rendered, Secrets as deploy/k8s/create-secrets.sh
/// makes them — against what the service reads when it is built on that environment (see <see cref="ConfiguredService"/>).
/// </summary>
[Collection(KubernetesOverlaysCollection.Name)]
public sealed class The_kubernetes_settings(KubernetesOverlays overlays)
{
    private static readonly string PostgresSetting = $"ConnectionStrings__{DataSourceExtensions.ConnectionStringName}";
    private static readonly string TrustedProxyNetwork = $"{Platform.ServiceDefaults.Http.ProxyTrust.NetworksSetting}__0";

    [Theory]
    [EveryOverlay]
    public async Task Set_only_settings_the_services_read(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
            from variable in service.Environment.Variables.Keys
            where variable.StartsWith(OpenTelemetryVariables.Prefix, StringComparison.Ordinal)
                ? !OpenTelemetryVariables.Known.Contains(variable)
                : !service.Service.Reads(variable) && !service.Environment.Expanded.Contains(variable)
            select $"sets {variable} ({service.Environment.Origins[variable]}), which the service does not read"));

    [Theory]
    [EveryOverlay]
    public async Task Refer_only_to_config_maps_secrets_and_keys_that_exist(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service => service.Environment.Problems));

    [Theory]
    [EveryOverlay]
    public async Task Give_every_service_the_settings_it_needs_to_start(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service => service.Service.StartupProblems));

    [Theory]
    [EveryOverlay]
    public async Task Take_every_key_and_password_from_a_secret(string overlay)
    {
        var deployed = await overlays.LoadAsync(overlay);
        var literal = deployed.ForEachService(service =>
            from variable in service.Environment.Variables.Keys
            where IsCredential(variable) && !service.Environment.FromSecret(variable)
            select $"{variable} comes from {service.Environment.Origins[variable]}, not from a Secret");
        var committed = deployed.Manifest.OfKind("Secret").Select(s => $"{overlay} renders the Secret {s.At("metadata.name")}: Secrets are created, never committed");
        var blobs = ComposeKeys.KeyLike().Matches(deployed.Manifest.Text).Select(m => $"{overlay} renders a base64 value: {m.Value[..12]}…");

        Problems.AssertNone(literal.Concat(committed).Concat(blobs));
    }

    [Theory]
    [EveryOverlay]
    public async Task Give_the_signing_and_encryption_keys_only_to_the_services_that_use_them(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
            from variable in service.Environment.Variables.Keys
            let signing = variable == ComposeKeys.SigningKeySetting
            let encryption = variable.StartsWith("Secrets__", StringComparison.Ordinal)
            where (signing && !service.Service.Registers<PlatformTokenIssuer>()) || (encryption && !service.Service.Registers<SecretProtector>())
            select $"gets {variable}, but issues no tokens and protects no secrets"));

    [Theory]
    [EveryOverlay]
    public async Task Let_every_service_accept_the_tokens_auth_issues_and_read_the_secrets_it_protects(string overlay)
    {
        var deployed = await overlays.LoadAsync(overlay);
        var services = deployed.Services.Select(s => (s.Folder.Name, ComposeKeys.Configuration(s.Environment.Variables))).ToList();
        var auth = ComposeKeys.Configuration(deployed.Service("auth").Environment.Variables);

        var refused = await SharedKeys.RefusedTokensAsync(auth, services);

        Assert.Equal(ServiceFolders.All().Count, services.Count);
        Assert.True(refused.Count == 0, $"{overlay}: services refuse auth's token: " + string.Join("; ", refused));
        Assert.True(
            SharedKeys.SecretsRoundTrip(auth, ComposeKeys.Configuration(deployed.Service("directory-sync").Environment.Variables)),
            $"{overlay}: directory-sync cannot read a secret auth protected");
    }

    [Theory]
    [EveryOverlay]
    public async Task Tell_every_service_which_proxy_networks_to_trust(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service =>
            service.Environment.Variables.GetValueOrDefault(TrustedProxyNetwork) is { } network && System.Net.IPNetwork.TryParse(network, out _)
                ? []
                : new[] { $"has no trusted proxy network ({TrustedProxyNetwork}): behind the ingress every client would be one to the per-client throttles" }));

    [Theory]
    [EveryOverlay]
    public async Task Send_every_services_telemetry_to_an_otlp_endpoint(string overlay) =>
        Problems.AssertNone((await overlays.LoadAsync(overlay)).ForEachService(service => TelemetryProblems(service.Environment.Variables)));

    private static IEnumerable<string> TelemetryProblems(IReadOnlyDictionary<string, string> environment)
    {
        var endpoint = environment.GetValueOrDefault(OpenTelemetryVariables.Endpoint);
        var protocol = environment.GetValueOrDefault(OpenTelemetryVariables.Protocol);
        if (protocol is not ("http/protobuf" or "grpc"))
        {
            yield return $"{OpenTelemetryVariables.Protocol} is '{protocol}', not http/protobuf or grpc";
        }

        // Only the base address for http/protobuf: the exporter appends /v1/traces, /v1/metrics and /v1/logs itself.
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || (protocol == "http/protobuf" && uri.AbsolutePath != "/"))
        {
            yield return $"{OpenTelemetryVariables.Endpoint} is '{endpoint}', not the base address of an OTLP receiver (it switches export on)";
        }
    }

    /// <summary>Settings that hold a key, a password, or a connection string with its password.</summary>
    private static bool IsCredential(string variable) =>
        ComposeKeys.IsKeySetting(variable) || variable == PostgresSetting
        || variable.EndsWith("Password", StringComparison.OrdinalIgnoreCase);
}
