using Platform.Testing;

namespace Platform.Notifications.Tests;

public sealed class Describing_the_notifications_api : OpenApiDocumentSpecs<Program>
{
    protected override string Title => "Platform notifications";

    protected override IReadOnlyList<string> Operations =>
    [
        "GET /v1/domains/{domain}/notifications", "PUT /v1/domains/{domain}/notifications", "GET /v1/domains/{domain}/users/{email}/notifications",
    ];
}
