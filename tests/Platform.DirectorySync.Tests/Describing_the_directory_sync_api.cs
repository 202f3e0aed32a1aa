using Platform.Testing;

namespace Platform.DirectorySync.Tests;

public sealed class Describing_the_directory_sync_api : OpenApiDocumentSpecs<Program>
{
    protected override string Title => "Platform directory-sync";

    protected override IReadOnlyList<string> Operations =>
    [
        "GET /v1/domains/{domain}/directory", "PUT /v1/domains/{domain}/directory", "POST /v1/domains/{domain}/directory/test",
        "GET /v1/domains/{domain}/directory/tests",
        "POST /v1/domains/{domain}/directory/sync", "GET /v1/domains/{domain}/directory/syncs/{runId}",
        "GET /v1/domains/{domain}/users", "PATCH /v1/domains/{domain}/users/{email}", "POST /v1/domains/{domain}/users/import",
        "GET /v1/recipients/{email}", "GET /v1/domains", "PUT /v1/domains/{domain}/recipient-verification",
    ];
}
