using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Login;

/// <summary>
/// Email users' passwords belong to their directory: changing or resetting one here would leave two passwords, so
/// both answer 409 <c>managed_by_directory</c> and say where to go instead.
/// </summary>
public static class PasswordEndpoints
{
    public static IEndpointRouteBuilder MapDirectoryPasswords(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/me/password", () => ManagedByDirectory()).RequireAuthorization();
        app.MapPost("/v1/password-reset", () => ManagedByDirectory()).AllowAnonymous();
        return app;
    }

    private static IResult ManagedByDirectory() => CodedProblem.Result(StatusCodes.Status409Conflict, "managed_by_directory",
        "Passwords are managed by your directory.",
        "You log in with the password of your organisation's directory; change or reset it there (or ask your IT department).");
}
