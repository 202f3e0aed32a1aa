using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>
/// One service built as its Program.cs builds it, on the environment a container gets, and never started (nothing
/// connects to RabbitMQ or PostgreSQL): what it reads of that environment, and whether it would refuse to start.
/// </summary>
internal sealed class ConfiguredService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly IServiceCollection _services;
    private readonly RecordingConfigurationSource _configuration;
    private readonly List<string> _problems = [];

    private ConfiguredService(WebApplication app, IServiceCollection services, RecordingConfigurationSource configuration)
    {
        _app = app;
        _services = services;
        _configuration = configuration;
    }

    /// <summary>Why the host would not start: a missing or invalid setting, a service that cannot be built.</summary>
    public IReadOnlyList<string> StartupProblems => _problems;

    public TimeSpan ShutdownTimeout => _app.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;

    public IReadOnlyList<HealthCheckRegistration> HealthChecks =>
        [.. _app.Services.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations];

    /// <param name="environment">Environment variables, as the container gets them.</param>
    public static async Task<ConfiguredService> BuildAsync(string folder, IReadOnlyDictionary<string, string> environment)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.Configuration.Sources.Clear();
        var configuration = new RecordingConfigurationSource(environment.ToDictionary(kv => Key(kv.Key), kv => kv.Value));
        ((IConfigurationBuilder)builder.Configuration).Add(configuration);
        ServiceRegistrations.Register(folder, builder);
        var service = new ConfiguredService(builder.Build(), builder.Services, configuration);
        await service.StartUpAsync();
        return service;
    }

    /// <summary>Whether the service read the setting an environment variable sets (<c>A__B</c> is <c>A:B</c>).</summary>
    public bool Reads(string variable) => _configuration.WasRead(Key(variable));

    public bool Registers<T>() => _services.Any(d => d.ServiceType == typeof(T));

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private static string Key(string variable) => variable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>
    /// What the host does first — its required settings, then every option validated on start — and then builds all it
    /// would run, so that every setting read at start is read.
    /// </summary>
    private async Task StartUpAsync()
    {
        var required = typeof(ServiceDefaultsExtensions).Assembly.GetType("Platform.ServiceDefaults.Configuration.RequiredSettings", throwOnError: true)!;
        await TryAsync(() => ((IHostedService)ActivatorUtilities.CreateInstance(_app.Services, required)).StartAsync(CancellationToken.None));
        Try(() => _app.Services.GetRequiredService<IStartupValidator>().Validate());
        foreach (var options in _services.Select(d => d.ServiceType).Where(IsConfigureOptions).Select(t => t.GetGenericArguments()[0]).Distinct())
        {
            var accessor = typeof(IOptions<>).MakeGenericType(options);
            Try(() => accessor.GetProperty(nameof(IOptions<object>.Value))!.GetValue(_app.Services.GetRequiredService(accessor)));
        }

        Try(() => _app.Services.GetServices<IHostedService>().ToList());
        foreach (var singleton in _services.Where(IsPlatformSingleton).Select(d => d.ServiceType).Distinct())
        {
            Try(() => _app.Services.GetService(singleton));
        }
    }

    private async Task TryAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (Exception e)
        {
            Record(e);
        }
    }

    private void Try(Action step)
    {
        try
        {
            step();
        }
        catch (Exception e)
        {
            Record(e);
        }
    }

    private void Record(Exception e)
    {
        var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
        _problems.Add(cause is AggregateException all ? string.Join("; ", all.InnerExceptions.Select(x => x.Message)) : cause.Message);
    }

    private static bool IsConfigureOptions(Type type) =>
        type.IsGenericType && !type.ContainsGenericParameters && type.GetGenericTypeDefinition() == typeof(IConfigureOptions<>);

    private static bool IsPlatformSingleton(ServiceDescriptor descriptor) =>
        descriptor.Lifetime == ServiceLifetime.Singleton && !descriptor.ServiceType.ContainsGenericParameters
        && descriptor.ServiceType.Assembly.GetName().Name?.StartsWith("Platform.", StringComparison.Ordinal) == true;
}
