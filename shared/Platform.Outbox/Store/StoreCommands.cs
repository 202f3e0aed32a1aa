using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.Outbox.Store;

/// <summary>
/// The operator's steps, run with the service's own executable instead of serving:
/// <list type="bullet">
/// <item><c>apply-schema</c> applies the store's schema and exits — for environments that do not apply it at
/// start-up (Production): a Kubernetes init container, a pipeline step. Replicas may run it together
/// (<see cref="PlatformSchema"/>).</item>
/// <item><c>rebuild-projection &lt;name&gt;</c> has Marten empty the projection's tables or documents and replay
/// every event into them, then exits.</item>
/// </list>
/// </summary>
public static class StoreCommands
{
    public const string ApplySchema = "apply-schema";
    public const string RebuildProjection = "rebuild-projection";

    /// <summary>Runs the host, or the step <paramref name="args"/> names; the exit code.</summary>
    public static async Task<int> RunOrStepAsync(this IHost host, string[] args)
    {
        switch (args)
        {
            case [ApplySchema]:
                await PlatformSchema.ApplyAsync(host.Services.GetRequiredService<IDocumentStore>(), host.Services.GetRequiredService<NpgsqlDataSource>());
                return 0;
            case [RebuildProjection, var name]:
                using (var daemon = await host.Services.GetRequiredService<IDocumentStore>().BuildProjectionDaemonAsync())
                {
                    await daemon.RebuildProjectionAsync(name, TimeSpan.FromMinutes(30), CancellationToken.None);
                }

                return 0;
            default:
                await host.RunAsync();
                return 0;
        }
    }
}
