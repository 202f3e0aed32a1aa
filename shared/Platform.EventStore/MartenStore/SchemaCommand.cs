using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Platform.EventStore.MartenStore;

/// <summary>
/// The explicit schema step for environments that do not apply schema changes at start-up (Production): the
/// service's own executable with the single argument <c>apply-schema</c> applies its store's schema and exits —
/// a Kubernetes init container, a deployment pipeline step. Replicas may run it together (<see cref="PlatformSchema"/>).
/// </summary>
public static class SchemaCommand
{
    public const string Name = "apply-schema";

    /// <summary>Runs the host, or applies the schema and returns 0 when <paramref name="args"/> asks for it.</summary>
    public static async Task<int> RunOrApplySchemaAsync(this IHost host, string[] args)
    {
        if (args is [Name])
        {
            await PlatformSchema.ApplyAsync(host.Services.GetRequiredService<IDocumentStore>(), host.Services.GetRequiredService<NpgsqlDataSource>());
            return 0;
        }

        await host.RunAsync();
        return 0;
    }
}
