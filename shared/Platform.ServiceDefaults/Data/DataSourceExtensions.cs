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

            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            dataSource.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
            return dataSource.Build();
        });
        return builder;
    }
}
