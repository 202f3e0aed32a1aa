using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Platform.ServiceDefaults.Data;

public static class DataSourceExtensions
{
    public const string ConnectionStringName = "Postgres";

    public static WebApplicationBuilder AddPlatformDataSource(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services =>
        {
            // Also thrown here, not only by RequiredSettings at start: a hosted service built with the data source
            // is constructed before any hosted service starts.
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException($"Missing required settings: ConnectionStrings__{ConnectionStringName}");
            }

            return Create(connectionString, builder.Environment.ApplicationName);
        });
        return builder;
    }

    /// <summary>A data source as the services use it (also for the benchmarks, which measure the services' code).</summary>
    public static NpgsqlDataSource Create(string connectionString, string applicationName)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);
        dataSource.ConnectionStringBuilder.ApplicationName ??= applicationName;
        Tune(dataSource.ConnectionStringBuilder, connectionString);
        return dataSource.Build();
    }

    /// <summary>
    /// The services send the same few statements over and over: PostgreSQL parses and plans each one once per
    /// connection (automatic preparation) instead of on every call. A connection going back to the pool is not reset
    /// (DISCARD ALL, which would also drop the prepared statements): the services leave no session state behind —
    /// the few that take a session lock or LISTEN release them before closing, and clear the pool when they cannot.
    /// Either can still be set in the connection string.
    /// </summary>
    public static void Tune(NpgsqlConnectionStringBuilder settings, string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 64;
        }

        if (!given.ContainsKey("No Reset On Close") && !given.ContainsKey("NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }
    }
}
