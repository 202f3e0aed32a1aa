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
            var connectionString = services.GetRequiredService<IConfiguration>().GetConnectionString(ConnectionStringName)
                ?? throw new InvalidOperationException(
                    $"ConnectionStrings:{ConnectionStringName} is not set (environment: ConnectionStrings__{ConnectionStringName}).");
            var dataSource = new NpgsqlDataSourceBuilder(connectionString);
            dataSource.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
            return dataSource.Build();
        });
        return builder;
    }
}
