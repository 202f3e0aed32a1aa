using Platform.Testing;

namespace Platform.Reporting.Tests;

public sealed class Describing_the_reporting_api : OpenApiDocumentSpecs<Program>
{
    protected override string Title => "Platform reporting";

    protected override IReadOnlyList<string> Operations =>
    [
        "GET /v1/domains/{domain}/reporting", "PUT /v1/domains/{domain}/reporting", "GET /v1/domains/{domain}/reports/enrollments",
        "GET /v1/domains/{domain}/users/{email}/report", "PUT /v1/domains/{domain}/users/{email}/report",
    ];
}
