using Platform.Testing;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Data;
using Platform.ServiceDefaults.Health;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Messaging;
using Xunit;

namespace Platform.Deployment.Tests;

/// <summary>
/// docker-compose.yml and the images it builds, checked offline (no Docker engine here): each service gets every
/// setting it reads, pointing at the infrastructure containers, and starts only once they are healthy.
/// </summary>
public sealed class The_compose_file
{
    private const int ContainerPort = 8080;

    /// <summary>Host ports documented in docs/deployment.md.</summary>
    private static readonly Dictionary<string, int> DocumentedPorts = new(StringComparer.Ordinal)
    {
        ["auth"] = 8081,
        ["directory-sync"] = 8082,
        ["notifications"] = 8083,
        ["reporting"] = 8084,
        ["panel"] = 8080,
    };

    /// <summary>Settings only some services read, on top of <see cref="SettingsEveryServiceReads"/>.</summary>
    private static readonly Dictionary<string, string[]> ServiceSpecificSettings = new(StringComparer.Ordinal)
    {
        ["notifications"] = ["Smtp__Host", "Smtp__Port"],
    };

    /// <summary>Infrastructure a service waits for besides RabbitMQ and PostgreSQL, with the conditions that will do.</summary>
    private static readonly Dictionary<string, (string Service, string[] Conditions)[]> ExtraDependencies = new(StringComparer.Ordinal)
    {
        ["auth"] = [("openldap", ["service_healthy"])],
        ["directory-sync"] = [("openldap", ["service_healthy"])],
        ["notifications"] = [("mailpit", ["service_healthy", "service_started"])],
    };

    /// <summary>Host/port settings and the container (and its in-network port) they must name.</summary>
    private static readonly (string HostSetting, string PortSetting, string Service, int Port)[] Endpoints =
    [
        (RabbitMqSetting(nameof(RabbitMqOptions.Host)), RabbitMqSetting(nameof(RabbitMqOptions.Port)), "rabbitmq", 5672),
        ("Smtp__Host", "Smtp__Port", "mailpit", 1025),
    ];

    private static readonly string PostgresSetting = $"ConnectionStrings__{DataSourceExtensions.ConnectionStringName}";

    /// <summary>The one service that signs platform tokens.</summary>
    private const string TokenIssuer = "auth";

    /// <summary>Services that keep secrets at rest (LDAP bind passwords, TOTP secrets, the panel's key ring), encrypted with Secrets:EncryptionKey.</summary>
    private static readonly string[] ServicesStoringSecrets = ["auth", "directory-sync", "panel"];

    private readonly ComposeFile _compose = ComposeFile.Load();

    [Fact]
    public async Task Passes_docker_compose_validation()
    {
        var executable = DockerCompose.Find();
        Assert.True(
            executable is not null,
            $"'{DockerCompose.Executable}' is not on PATH, so {ComposeFile.DefaultPath} cannot be validated. "
            + "`infra/infra.sh up` installs it (Debian package docker-compose); run that first.");

        // With the keys deploy/compose/generate-keys.sh writes, as a checkout gets them before `docker-compose up`.
        using var keys = TemporaryDirectory.Create();
        await ComposeKeys.GenerateAsync(keys.File(".env"));
        var (exitCode, output) = await DockerCompose.RunAsync(
            executable, ComposeKeys.Unset, "--env-file", keys.File(".env"), "-f", ComposeFile.DefaultPath, "config", "-q");

        Assert.True(exitCode == 0, $"`docker-compose config -q` exited with {exitCode}:{Environment.NewLine}{output}");
    }

    [Fact]
    public async Task Refuses_to_run_without_the_keys_and_says_how_to_generate_them()
    {
        var executable = DockerCompose.Find();
        Assert.True(executable is not null, $"'{DockerCompose.Executable}' is not on PATH; `infra/infra.sh up` installs it.");
        using var keys = TemporaryDirectory.Create();
        await File.WriteAllTextAsync(keys.File(".env"), "");

        var (exitCode, output) = await DockerCompose.RunAsync(
            executable, ComposeKeys.Unset, "--env-file", keys.File(".env"), "-f", ComposeFile.DefaultPath, "config", "-q");

        Assert.True(exitCode != 0, "`docker-compose config` accepted the file without any key");
        Assert.Contains("deploy/compose/generate-keys.sh", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Gives_only_auth_the_token_signing_key()
    {
        var problems = new List<string>();
        foreach (var service in _compose.Services.Values)
        {
            var environment = service.RawEnvironment;
            if (service.Name == TokenIssuer)
            {
                problems.AddRange(RequiredKeyProblems(environment, ComposeKeys.SigningKeySetting, ComposeKeys.SigningKey));
            }
            else if (environment.ContainsKey(ComposeKeys.SigningKeySetting)
                || environment.Values.Any(v => v.Contains(ComposeKeys.SigningKey, StringComparison.Ordinal)))
            {
                problems.Add($"{service.Name} gets the token signing key; only {TokenIssuer} may");
            }
        }

        var mentions = File.ReadAllLines(_compose.FilePath)
            .Where(line => !line.TrimStart().StartsWith('#'))
            .Count(line => line.Contains(ComposeKeys.SigningKey, StringComparison.Ordinal));
        if (mentions != 1)
        {
            problems.Add($"{ComposeKeys.SigningKey} is used {mentions} times in {_compose.FilePath}; only {TokenIssuer}'s {ComposeKeys.SigningKeySetting} may use it");
        }

        Problems.AssertNone(problems);
    }

    [Fact]
    public void Gives_every_service_the_token_issuer_audience_and_validation_key()
    {
        var issuer = _compose.Service(TokenIssuer).Environment;
        Problems.AssertNone(ForEachService((_, service) =>
        {
            var problems = new List<string>();
            foreach (var setting in new[] { ComposeKeys.IssuerSetting, ComposeKeys.AudienceSetting })
            {
                var value = service.Environment.GetValueOrDefault(setting);
                if (string.IsNullOrWhiteSpace(value) || value != issuer.GetValueOrDefault(setting))
                {
                    problems.Add($"{setting} is '{value}', not {TokenIssuer}'s '{issuer.GetValueOrDefault(setting)}'");
                }
            }

            problems.AddRange(RequiredKeyProblems(service.RawEnvironment, ComposeKeys.ValidationKeysSetting + "__0", ComposeKeys.ValidationKey));
            return problems;
        }));
    }

    [Fact]
    public void Gives_the_encryption_key_to_the_services_that_store_secrets_and_no_other() =>
        Problems.AssertNone(ForEachService((folder, service) =>
            ServicesStoringSecrets.Contains(folder.Name)
                ? RequiredKeyProblems(service.RawEnvironment, ComposeKeys.EncryptionKeySetting, ComposeKeys.EncryptionKey)
                : service.RawEnvironment.Keys.Where(k => k.StartsWith("Secrets__", StringComparison.Ordinal)).Select(k => $"gets {k}, but stores no secrets")));

    [Fact]
    public void Commits_no_key()
    {
        var problems =
            from service in _compose.Services.Values
            from setting in service.RawEnvironment
            where ComposeKeys.IsKeySetting(setting.Key)
            let reference = ComposeVariables.WholeReference(setting.Value)
            where reference is null || !string.IsNullOrEmpty(reference.Default)
            select $"{service.Name}: {setting.Key} is not a variable without a default (a committed key is a leaked key)";
        var blobs = ComposeKeys.KeyLike().Matches(File.ReadAllText(_compose.FilePath)).Select(m => $"{_compose.FilePath} holds a base64 value: {m.Value[..12]}…");

        Problems.AssertNone(problems.Concat(blobs));
    }

    [Fact]
    public void Defines_a_service_for_every_service_folder()
    {
        var folders = ServiceFolders.All();
        Assert.NotEmpty(folders);

        var missing = folders.Where(f => !_compose.Services.ContainsKey(f.Name)).Select(f => $"services/{f.Name}");

        Problems.AssertNone(missing.Select(m => $"{m} has no service in {_compose.FilePath}"));
    }

    [Fact]
    public void Builds_every_service_from_the_repository_root() => Problems.AssertNone(ForEachService(BuildProblems));

    [Fact]
    public void Publishes_every_service_on_its_documented_port() => Problems.AssertNone(ForEachService(PortProblems));

    [Fact]
    public void Gives_every_service_each_setting_it_reads() => Problems.AssertNone(ForEachService(MissingSettings));

    [Fact]
    public void Sets_no_setting_of_a_section_the_code_never_reads()
    {
        // A section name the code reads appears in it as a string ("Smtp", "EventStore:Outbox"); one that appears
        // nowhere in services/ or shared/ is a setting no service reads (as Ldap__Host once was).
        var code = string.Join('\n', new[] { "services", "shared" }
            .SelectMany(dir => System.IO.Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText));
        var unread =
            from service in _compose.Services.Values
            where ServiceFolders.All().Any(f => f.Name == service.Name)
            from key in service.RawEnvironment.Keys
            where key.Contains("__", StringComparison.Ordinal)
            let section = key[..key.IndexOf("__", StringComparison.Ordinal)]
            where !code.Contains($"\"{section}\"", StringComparison.Ordinal) && !code.Contains($"\"{section}:", StringComparison.Ordinal)
            select $"{service.Name}: {key} is read by no code in services/ or shared/";

        Problems.AssertNone(unread.Distinct());
    }

    [Fact]
    public void Points_every_service_at_the_infrastructure_containers() => Problems.AssertNone(ForEachService(EndpointProblems));

    [Fact]
    public void Gives_every_service_the_credentials_the_infrastructure_is_created_with() =>
        Problems.AssertNone(ForEachService(CredentialProblems));

    [Fact]
    public void Sends_every_services_telemetry_to_jaeger_over_otlp_http() => Problems.AssertNone(ForEachService(TelemetryProblems));

    [Fact]
    public void Checks_every_services_health_on_its_readiness_endpoint() => Problems.AssertNone(ForEachService(HealthCheckProblems));

    [Fact]
    public void Starts_every_service_once_rabbitmq_and_postgres_are_healthy() => Problems.AssertNone(ForEachService(DependencyProblems));

    [Fact]
    public void Waits_only_on_services_that_exist_and_report_health()
    {
        var problems =
            from service in _compose.Services.Values
            from dependency in service.DependsOn
            let target = _compose.Services.GetValueOrDefault(dependency.Key)
            where target is null || (dependency.Value == "service_healthy" && target.HealthCheck is null)
            select target is null
                ? $"{service.Name} depends on '{dependency.Key}', which is not defined"
                : $"{service.Name} waits for '{dependency.Key}' to be healthy, but it has no health check";

        Problems.AssertNone(problems);
    }

    [Fact]
    public void Runs_the_infrastructure_the_services_use()
    {
        var rabbitmq = _compose.Service("rabbitmq");
        var postgres = _compose.Service("postgres");
        var openldap = _compose.Service("openldap");
        var jaeger = _compose.Service("jaeger");
        var mailpit = _compose.Service("mailpit");

        var problems = new List<string>();
        Expect(rabbitmq.Image?.StartsWith("rabbitmq:3-management", StringComparison.Ordinal) == true, "rabbitmq runs rabbitmq:3-management");
        Expect(HealthCommand(rabbitmq).Contains("rabbitmq-diagnostics -q ping", StringComparison.Ordinal), "rabbitmq's health check is `rabbitmq-diagnostics -q ping`");
        Expect(MountsVolumeAt(rabbitmq, "/var/lib/rabbitmq"), "rabbitmq keeps its data in a volume");
        Expect(postgres.Image?.StartsWith("postgres:16", StringComparison.Ordinal) == true, "postgres runs postgres:16");
        Expect(HealthCommand(postgres).Contains("pg_isready", StringComparison.Ordinal), "postgres's health check is pg_isready");
        Expect(MountsVolumeAt(postgres, "/var/lib/postgresql/data"), "postgres keeps its data in a volume");
        Expect(openldap.Build is not null, "openldap is built from our own Dockerfile");
        Expect(jaeger.Image?.StartsWith("jaegertracing/all-in-one", StringComparison.Ordinal) == true, "jaeger runs jaegertracing/all-in-one");
        Expect(jaeger.Environment.GetValueOrDefault("COLLECTOR_OTLP_ENABLED") == "true", "jaeger has COLLECTOR_OTLP_ENABLED=true");
        foreach (var port in new[] { 4317, 4318, 16686 })
        {
            Expect(jaeger.Ports.Contains(new PortMapping(port, port)), $"jaeger publishes {port}");
        }

        Expect(mailpit.Image?.StartsWith("axllent/mailpit", StringComparison.Ordinal) == true, "mailpit runs axllent/mailpit");
        foreach (var port in new[] { 1025, 8025 })
        {
            Expect(mailpit.Ports.Contains(new PortMapping(port, port)), $"mailpit publishes {port}");
        }

        Problems.AssertNone(problems);

        void Expect(bool condition, string expectation)
        {
            if (!condition)
            {
                problems.Add($"expected: {expectation}");
            }
        }
    }

    [Fact]
    public void Seeds_openldap_with_the_platform_schema_and_the_demo_directory()
    {
        var openldap = _compose.Service("openldap");
        Assert.NotNull(openldap.Build);
        var sources = Dockerfile.Load(openldap.Build).Stages.SelectMany(s => s.ContextSources()).Select(NormalizePath).ToList();

        Assert.Contains("infra/ldap/platform.schema", sources);
        Assert.Contains("infra/ldap/demo.ldif", sources);

        // The rootDSE: a base search on the empty DN, which answers as soon as slapd serves requests.
        var check = openldap.HealthCheck;
        Assert.NotNull(check);
        Assert.Contains("ldapsearch", check);
        Assert.True(
            Follows(check, "-b", "") && Follows(check, "-s", "base"),
            $"openldap's health check should read the rootDSE (-b \"\" -s base): {string.Join(' ', check)}");
    }

    [Fact]
    public void Sends_every_file_an_image_copies_in_its_build_context()
    {
        var problems =
            from service in _compose.Services.Values
            where service.Build is not null
            from problem in CopyProblems(service.Build!)
            select $"{service.Name}: {problem}";

        Problems.AssertNone(problems);
    }

    [Fact]
    public void Runs_every_service_image_as_a_non_root_user() => Problems.AssertNone(ForEachService(UserProblems));

    [Fact]
    public void Publishes_the_project_of_each_service_folder_in_its_image() => Problems.AssertNone(ForEachService(PublishProblems));

    [Fact]
    public async Task Lets_every_service_finish_its_shutdown_before_docker_kills_it()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddServiceDefaults("deployment-tests");
        await using var app = builder.Build();
        var shutdown = app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

        Problems.AssertNone(ForEachService((_, service) =>
        {
            // Docker sends SIGKILL this long after SIGTERM; 10 s unless stop_grace_period says otherwise.
            var grace = service.StopGracePeriod ?? TimeSpan.FromSeconds(10);
            return grace > shutdown
                ? []
                : [$"stop_grace_period is {grace.TotalSeconds} s, but the host may take {shutdown.TotalSeconds} s to shut down"];
        }));
    }

    private static IEnumerable<string> BuildProblems(ServiceFolder folder, ComposeService service)
    {
        if (service.Build is not { } build)
        {
            yield return "has no build section";
            yield break;
        }

        if (Path.TrimEndingDirectorySeparator(build.Context) != Path.TrimEndingDirectorySeparator(RepositoryRoot.Path))
        {
            yield return $"build context is {build.Context}, not the repository root (the build needs the props files and shared/)";
        }

        if (!File.Exists(build.DockerfilePath))
        {
            yield return $"Dockerfile {build.DockerfilePath} does not exist";
        }
    }

    private static IEnumerable<string> PortProblems(ServiceFolder folder, ComposeService service)
    {
        if (!DocumentedPorts.TryGetValue(folder.Name, out var port))
        {
            yield return "has no documented host port (add it to docs/deployment.md and this test)";
            yield break;
        }

        if (!service.Ports.Contains(new PortMapping(port, ContainerPort)))
        {
            yield return $"publishes [{string.Join(", ", service.Ports.Select(p => $"{p.Published}:{p.Target}"))}], not {port}:{ContainerPort}";
        }

        if (service.Environment.GetValueOrDefault("ASPNETCORE_HTTP_PORTS") != ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            yield return $"ASPNETCORE_HTTP_PORTS is not {ContainerPort}, the port compose publishes and probes";
        }
    }

    private static IEnumerable<string> MissingSettings(ServiceFolder folder, ComposeService service) =>
        SettingsEveryServiceReads()
            .Concat(ServiceSpecificSettings.GetValueOrDefault(folder.Name) ?? [])
            .Where(name => string.IsNullOrWhiteSpace(service.Environment.GetValueOrDefault(name)))
            .Select(name => $"{name} is not set");

    private IEnumerable<string> EndpointProblems(ServiceFolder folder, ComposeService service)
    {
        foreach (var (hostSetting, portSetting, target, port) in Endpoints)
        {
            if (!service.Environment.TryGetValue(hostSetting, out var host))
            {
                continue;
            }

            if (host != target || !_compose.Services.ContainsKey(target))
            {
                yield return $"{hostSetting} is '{host}', not the '{target}' container";
            }

            if (service.Environment.GetValueOrDefault(portSetting) != port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                yield return $"{portSetting} is '{service.Environment.GetValueOrDefault(portSetting)}', not {target}'s port {port} inside the network";
            }
        }

        if (service.Environment.TryGetValue(PostgresSetting, out var connectionString))
        {
            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            if (postgres.Host != "postgres" || postgres.Port != 5432)
            {
                yield return $"{PostgresSetting} points at {postgres.Host}:{postgres.Port}, not postgres:5432";
            }
        }
    }

    private IEnumerable<string> CredentialProblems(ServiceFolder folder, ComposeService service)
    {
        // Each service logs in as its own user (infra/rabbitmq/permissions), created by rabbitmq-users with the password given.
        var rabbitmq = _compose.Service("rabbitmq").Environment;
        var users = _compose.Service("rabbitmq-users").Environment;
        var expectedRabbit = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [RabbitMqSetting(nameof(RabbitMqOptions.Username))] = service.Name,
            [RabbitMqSetting(nameof(RabbitMqOptions.Password))] = users.GetValueOrDefault("RABBITMQ_PASSWORD_" + service.Name.Replace('-', '_').ToUpperInvariant()),
            [RabbitMqSetting(nameof(RabbitMqOptions.VirtualHost))] = rabbitmq.GetValueOrDefault("RABBITMQ_DEFAULT_VHOST", "/"),
        };
        foreach (var (setting, expected) in expectedRabbit)
        {
            if (expected is null || service.Environment.GetValueOrDefault(setting) != expected)
            {
                yield return $"{setting} is not the service's own user, password (rabbitmq-users) and the rabbitmq container's vhost";
            }
        }

        var postgres = _compose.Service("postgres").Environment;
        var user = postgres.GetValueOrDefault("POSTGRES_USER", "postgres");
        var database = postgres.GetValueOrDefault("POSTGRES_DB", user);
        var connection = new NpgsqlConnectionStringBuilder(service.Environment.GetValueOrDefault(PostgresSetting, ""));
        if (connection.Username != user || connection.Password != postgres.GetValueOrDefault("POSTGRES_PASSWORD")
            || connection.Database != database)
        {
            yield return $"{PostgresSetting} does not use the postgres container's POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB";
        }
    }

    private IEnumerable<string> TelemetryProblems(ServiceFolder folder, ComposeService service)
    {
        var endpoint = service.Environment.GetValueOrDefault("OTEL_EXPORTER_OTLP_ENDPOINT");
        var protocol = service.Environment.GetValueOrDefault("OTEL_EXPORTER_OTLP_PROTOCOL");
        if (protocol != "http/protobuf")
        {
            yield return $"OTEL_EXPORTER_OTLP_PROTOCOL is '{protocol}', not http/protobuf";
        }

        // Only the base address: for http/protobuf the exporter appends /v1/traces, /v1/metrics and /v1/logs itself.
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri)
            || uri.Scheme != "http" || uri.Host != "jaeger" || uri.Port != 4318 || uri.AbsolutePath != "/"
            || !_compose.Services.ContainsKey("jaeger"))
        {
            yield return $"OTEL_EXPORTER_OTLP_ENDPOINT is '{endpoint}', not jaeger's OTLP/HTTP receiver http://jaeger:4318";
        }
    }

    private static IEnumerable<string> HealthCheckProblems(ServiceFolder folder, ComposeService service)
    {
        if (service.HealthCheck is not { } check)
        {
            yield return "has no health check";
            yield break;
        }

        var url = $"http://localhost:{ContainerPort}{HealthExtensions.ReadyPath}";
        if (!check.Any(part => part.Contains(url, StringComparison.Ordinal)))
        {
            yield return $"health check `{string.Join(' ', check)}` does not probe {url}";
        }

        // The aspnet image has no HTTP client: the probe's program must be installed by the image itself.
        if (check is ["CMD", var program, ..] && service.Build is { } build && File.Exists(build.DockerfilePath)
            && !Dockerfile.Load(build).FinalStage.Arguments("RUN").Any(run => run.Contains(program, StringComparison.Ordinal)))
        {
            yield return $"health check runs {program}, which the image's runtime stage does not install";
        }
    }

    private static IEnumerable<string> DependencyProblems(ServiceFolder folder, ComposeService service)
    {
        var required = new List<(string Service, string[] Conditions)>
        {
            ("rabbitmq", ["service_healthy"]),
            ("rabbitmq-users", ["service_completed_successfully"]),
            ("postgres", ["service_healthy"]),
        };
        required.AddRange(ExtraDependencies.GetValueOrDefault(folder.Name) ?? []);
        foreach (var (dependency, conditions) in required)
        {
            var condition = service.DependsOn.GetValueOrDefault(dependency);
            if (condition is null || !conditions.Contains(condition))
            {
                yield return $"depends on {dependency} with '{condition ?? "nothing"}', expected {string.Join(" or ", conditions)}";
            }
        }
    }

    private static IEnumerable<string> CopyProblems(BuildSpec build)
    {
        if (!File.Exists(build.DockerfilePath))
        {
            yield return $"Dockerfile {build.DockerfilePath} does not exist";
            yield break;
        }

        var ignore = DockerIgnore.Load(build.Context);
        foreach (var source in Dockerfile.Load(build).Stages.SelectMany(s => s.ContextSources()).Select(NormalizePath).Distinct())
        {
            var path = Path.Combine(build.Context, source);
            if (!source.Contains('*', StringComparison.Ordinal) && !File.Exists(path) && !System.IO.Directory.Exists(path))
            {
                yield return $"COPY {source}: not found in the build context {build.Context}";
            }
            else if (source.Length > 0 && ignore.Excludes(source))
            {
                yield return $"COPY {source}: excluded from the build context by .dockerignore";
            }
        }
    }

    private static IEnumerable<string> UserProblems(ServiceFolder folder, ComposeService service)
    {
        if (service.Build is not { } build || !File.Exists(build.DockerfilePath))
        {
            yield return "has no Dockerfile";
            yield break;
        }

        var user = Dockerfile.Load(build).FinalStage.Arguments("USER").LastOrDefault();
        if (user is null || user.Split(':')[0] is "root" or "0")
        {
            yield return $"the runtime stage of {build.DockerfilePath} runs as {user ?? "root (no USER)"}";
        }
    }

    private static IEnumerable<string> PublishProblems(ServiceFolder folder, ComposeService service)
    {
        if (service.Build is not { } build || !File.Exists(build.DockerfilePath))
        {
            yield return "has no Dockerfile";
            yield break;
        }

        var dockerfile = Dockerfile.Load(build);
        var published = dockerfile.Stages
            .SelectMany(s => s.Arguments("RUN"))
            .Where(run => run.Contains("dotnet publish", StringComparison.Ordinal))
            .SelectMany(run => run.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(word => word.EndsWith(".csproj", StringComparison.Ordinal))
            .Select(NormalizePath)
            .ToList();
        if (published.Count != 1 || !(published[0] == folder.RelativeProjectPath || published[0].EndsWith("/" + folder.RelativeProjectPath, StringComparison.Ordinal)))
        {
            yield return $"publishes [{string.Join(", ", published)}], not {folder.RelativeProjectPath}";
        }

        var final = dockerfile.FinalStage;
        if (!final.BaseImage.StartsWith("mcr.microsoft.com/dotnet/aspnet:", StringComparison.Ordinal))
        {
            yield return $"the runtime stage is based on {final.BaseImage}, not mcr.microsoft.com/dotnet/aspnet";
        }

        var assembly = folder.AssemblyName + ".dll";
        if (!final.Arguments("ENTRYPOINT").Concat(final.Arguments("CMD")).Any(start => start.Contains(assembly, StringComparison.Ordinal)))
        {
            yield return $"the image does not start {assembly}";
        }
    }

    /// <summary>What Platform.ServiceDefaults reads in every service, named as environment variables.</summary>
    private static IReadOnlyList<string> SettingsEveryServiceReads()
    {
        var rabbit = typeof(RabbitMqOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            // Tuning knobs with defaults that suit a deployment, not where the broker is or who logs in; Hosts names
            // a cluster's nodes instead of Host and Port, and compose runs one broker.
            .Where(p => p.Name is not (nameof(RabbitMqOptions.PrefetchCount) or nameof(RabbitMqOptions.QueueType)
                or nameof(RabbitMqOptions.DeliveryLimit) or nameof(RabbitMqOptions.Hosts)))
            .Select(p => RabbitMqSetting(p.Name))
            .ToList();
        Assert.NotEmpty(rabbit);
        return [.. rabbit, PostgresSetting, "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "ASPNETCORE_HTTP_PORTS", TrustedProxyNetwork];
    }

    /// <summary>The proxies' network: without it, behind a proxy every client is one client to the per-client throttles.</summary>
    private const string TrustedProxyNetwork = $"{ProxyTrust.NetworksSetting}__0";

    private static string RabbitMqSetting(string property) => $"{RabbitMqOptions.Section}__{property}";

    /// <summary>The setting must be exactly <c>${variable:?…}</c>: no default, and compose refuses to run without it.</summary>
    private static IEnumerable<string> RequiredKeyProblems(IReadOnlyDictionary<string, string> rawEnvironment, string setting, string variable)
    {
        if (!rawEnvironment.TryGetValue(setting, out var value))
        {
            yield return $"{setting} is not set";
        }
        else if (ComposeVariables.WholeReference(value) is not { IsRequired: true } reference || reference.Name != variable)
        {
            yield return $"{setting} is '{value}', not ${{{variable}:?…}} (required, from the environment or .env)";
        }
    }

    private IEnumerable<string> ForEachService(Func<ServiceFolder, ComposeService, IEnumerable<string>> check)
    {
        var folders = ServiceFolders.All();
        Assert.NotEmpty(folders);
        return folders
            .SelectMany(folder => _compose.Services.TryGetValue(folder.Name, out var service)
                ? check(folder, service)
                : new[] { "has no compose service" },
                (folder, problem) => $"{folder.Name}: {problem}")
            .ToList();
    }

    private static string HealthCommand(ComposeService service) => string.Join(' ', service.HealthCheck ?? []);

    private static bool MountsVolumeAt(ComposeService service, string path) =>
        service.Volumes.Any(v => v.Split(':') is [_, var target, ..] && target == path);

    private static bool Follows(IReadOnlyList<string> words, string option, string value)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == option && words[i + 1] == value)
            {
                return true;
            }
        }

        return false;
    }

    private static string NormalizePath(string path)
    {
        var clean = path.Trim('"').Replace('\\', '/');
        while (clean.StartsWith("./", StringComparison.Ordinal))
        {
            clean = clean[2..];
        }

        return clean.TrimEnd('/');
    }
}
