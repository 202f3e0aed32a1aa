namespace Platform.Bench;

/// <summary>Endpoints of the local infrastructure, from the environment that <c>./platform bench</c> loads from .platform/env.</summary>
internal sealed record BenchSettings(
    string PostgresConnectionString,
    string RabbitHost,
    ushort RabbitPort,
    int RabbitManagementPort,
    string RabbitUser,
    string RabbitPassword)
{
    public static BenchSettings FromEnvironment() => new(
        Required("ConnectionStrings__Postgres"),
        Required("RabbitMq__Host"),
        ushort.Parse(Required("RabbitMq__Port"), System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(Required("RabbitMq__ManagementPort"), System.Globalization.CultureInfo.InvariantCulture),
        Required("RabbitMq__Username"),
        Required("RabbitMq__Password"));

    /// <summary>
    /// PostgreSQL as the services connect to it (their data source settings, automatic preparation among them): the
    /// code a benchmark measures runs as it runs there, and every side it is compared with gets the same connection.
    /// </summary>
    public Npgsql.NpgsqlDataSource ServiceDataSource() => Platform.ServiceDefaults.Data.DataSourceExtensions.Create(PostgresConnectionString, "platform-bench");

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run through './platform bench', which loads .platform/env.");
}
