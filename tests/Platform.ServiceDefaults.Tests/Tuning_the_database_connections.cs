using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.ServiceDefaults.Data;
using Xunit;

namespace Platform.ServiceDefaults.Tests;

/// <summary>
/// The services' connections prepare their statements automatically and are not reset when they go back to the pool,
/// unless the connection string says otherwise.
/// </summary>
public sealed class Tuning_the_database_connections
{
    private const string Server = "Host=127.0.0.1;Port=5433;Database=platform;Username=platform";

    [Fact]
    public void Prepares_statements_automatically_and_skips_the_reset_when_the_connection_string_says_nothing()
    {
        var settings = Tuned(Server);

        Assert.Equal((64, true), (settings.MaxAutoPrepare, settings.NoResetOnClose));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0, true)]
    [InlineData("MaxAutoPrepare=5", 5, true)]
    [InlineData("max auto prepare=0", 0, true)]
    [InlineData("No Reset On Close=false", 64, false)]
    [InlineData("NoResetOnClose=false", 64, false)]
    [InlineData("Max Auto Prepare=10;No Reset On Close=false", 10, false)]
    public void Keeps_what_the_connection_string_sets_and_tunes_the_rest(string given, int maxAutoPrepare, bool noResetOnClose)
    {
        var settings = Tuned($"{Server};{given}");

        Assert.Equal((maxAutoPrepare, noResetOnClose), (settings.MaxAutoPrepare, settings.NoResetOnClose));
    }

    [Fact]
    public async Task Gives_the_service_a_data_source_tuned_this_way()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Configuration[$"ConnectionStrings:{DataSourceExtensions.ConnectionStringName}"] = $"{Server};Max Auto Prepare=8";
        builder.AddPlatformDataSource();
        await using var app = builder.Build();

        var settings = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString);

        Assert.Equal((8, true), (settings.MaxAutoPrepare, settings.NoResetOnClose));
    }

    private static NpgsqlConnectionStringBuilder Tuned(string connectionString)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        DataSourceExtensions.Tune(settings, connectionString);
        return settings;
    }
}
