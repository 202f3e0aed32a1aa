using Platform.Testing;

namespace Platform.Auth.Tests;

public sealed class Describing_the_auth_api : OpenApiDocumentSpecs<Program>
{
    protected override string Title => "Platform auth";

    protected override IReadOnlyList<string> Operations =>
    [
        "POST /v1/login", "POST /v1/login/link", "POST /v1/admin/login", "POST /v1/token/refresh", "GET /.well-known/jwks.json",
        "POST /v1/me/totp", "POST /v1/me/totp/confirm", "GET /v1/admin/accounts", "POST /v1/admin/accounts",
        "POST /v1/token", "GET /v1/admin/clients", "POST /v1/admin/clients", "DELETE /v1/admin/clients/{clientId}",
        "POST /v1/admin/accounts/{email}/disable", "POST /v1/admin/accounts/{email}/enable", "DELETE /v1/admin/accounts/{email}", "POST /v1/admin/me/password",
        "GET /v1/admin/me/totp", "POST /v1/admin/me/totp", "POST /v1/admin/me/totp/confirm", "POST /v1/admin/me/totp/disable", "GET /v1/session",
    ];

    protected override IReadOnlyList<string> Anonymous =>
        ["POST /v1/login", "POST /v1/login/link", "POST /v1/admin/login", "POST /v1/token/refresh", "GET /.well-known/jwks.json", "POST /v1/token"];
}
