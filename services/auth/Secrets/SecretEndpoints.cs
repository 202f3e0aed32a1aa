using Platform.Security.Authorization;

namespace Platform.Auth.Secrets;

/// <summary>
/// <c>POST /v1/admin/secrets/reprotect</c> for the platform admin, after a rotation of <c>Secrets:EncryptionKey</c>
/// (docs/deployment.md). Safe to repeat; once it reports nothing reprotected and no directory awaiting, the previous
/// key can go.
/// </summary>
public static class SecretEndpoints
{
    public static IEndpointRouteBuilder MapSecretReprotection(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/admin/secrets/reprotect", async (SecretReprotection reprotection, CancellationToken cancellationToken) =>
            TypedResults.Ok(await reprotection.RunAsync(cancellationToken))).RequirePlatformAdmin();
        return app;
    }
}
