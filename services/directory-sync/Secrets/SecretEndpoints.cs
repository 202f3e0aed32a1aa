using Platform.Security.Authorization;

namespace Platform.DirectorySync.Secrets;

/// <summary>
/// <c>POST /v1/admin/secrets/reprotect</c> for the platform admin, after a rotation of <c>Secrets:EncryptionKey</c>
/// (docs/deployment.md): every bind password protected with a previous key is protected with the current one.
/// Safe to repeat; once it reports nothing reprotected, here and in auth, the previous key can go.
/// </summary>
public static class SecretEndpoints
{
    public static IEndpointRouteBuilder MapSecretReprotection(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/admin/secrets/reprotect", async (BindPasswordReprotection reprotection, CancellationToken cancellationToken) =>
            TypedResults.Ok(await reprotection.RunAsync(cancellationToken))).RequirePlatformAdmin();
        return app;
    }
}
