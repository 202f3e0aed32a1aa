using Xunit;

namespace Platform.Deployment.Tests.Kubernetes;

/// <summary>Each service logs in to RabbitMQ as a user of its own (infra/rabbitmq/permissions), never as the administrator.</summary>
public sealed class Giving_each_service_its_bus_user
{
    private static readonly string[] Services = ["auth", "directory-sync", "notifications", "reporting"];

    [Fact]
    public async Task Creates_a_secret_per_service_and_for_the_filter_each_with_its_own_password()
    {
        var secrets = await PlatformSecrets.CreatedAsync();

        var users = Services.Append("filter").Select(user => secrets[$"platform-rabbitmq-{user}"]).ToList();

        Assert.Equal([.. Services, "filter"], users.Select(u => u["RabbitMq__Username"]));
        Assert.Equal(users.Count, users.Select(u => u["RabbitMq__Password"]).Distinct().Count());
        Assert.DoesNotContain(users, u => u["RabbitMq__Password"] == PlatformSecrets.Inputs["RABBITMQ_PASSWORD"]);
    }

    [Theory]
    [InlineData("auth")]
    [InlineData("directory-sync")]
    [InlineData("notifications")]
    [InlineData("reporting")]
    public void Gives_the_service_its_own_user_and_not_the_administrator(string service)
    {
        var manifest = File.ReadAllText(Path.Combine(Kustomize.Root, "base", service + ".yaml"));

        Assert.Contains($"secretKeyRef: {{name: platform-rabbitmq-{service}, key: RabbitMq__Username}}", manifest, StringComparison.Ordinal);
        Assert.Contains($"secretKeyRef: {{name: platform-rabbitmq-{service}, key: RabbitMq__Password}}", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("name: platform-rabbitmq,", manifest, StringComparison.Ordinal);
    }
}
