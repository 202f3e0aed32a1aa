using System.Globalization;
using Platform.Auth.Lockout;
using Platform.Auth.Tokens;
using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Login;

/// <summary><c>POST /v1/login</c>: an email user logs in with their address and directory password.</summary>
public static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/login", LoginAsync).AllowAnonymous().CountedAsLogin(Contracts.LoginMethods.Password)
            .LimitedPerClient(Throttled(Contracts.LoginMethods.Password));
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest? request, LoginService logins, LoginClients clients, HttpContext http, CancellationToken cancellationToken)
    {
        var outcome = await logins.LoginAsync(request ?? new LoginRequest(null, null, null), clients.Of(http), cancellationToken);
        return Result(outcome, http);
    }

    /// <summary>Tokens, or the refusal as problem details with its code (and Retry-After for 423 and 429).</summary>
    internal static IResult Result(LoginOutcome outcome, HttpContext http)
    {
        if (outcome.Tokens is { } tokens)
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(tokens);
        }

        if (outcome.RetryAfter is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = Seconds(retryAfter);
        }

        return CodedProblem.Result(outcome.Status, outcome.Code!, Title(outcome.Code!), outcome.Detail!);
    }

    /// <summary>
    /// A client past its attempts (<see cref="ClientAttemptLimit"/>): answered as a login refused for it, and counted
    /// as one, though the endpoint did not run.
    /// </summary>
    internal static Func<HttpContext, TimeSpan, IResult> Throttled(string method) => (http, wait) =>
    {
        http.RequestServices.GetRequiredService<LoginMetrics>().Record(method, LoginProblems.TooManyAttempts);
        return Result(LoginOutcome.TooManyAttempts(wait), http);
    };

    /// <summary>A Retry-After value: whole seconds, at least one.</summary>
    internal static string Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    private static string Title(string code) => code switch
    {
        LoginProblems.MfaRequired => "A second factor is needed.",
        LoginProblems.MfaInvalid => "The code is not right.",
        LoginProblems.Locked => "The account is locked for a while.",
        LoginProblems.TooManyAttempts => "Too many login attempts.",
        LoginProblems.DirectoryUnavailable => "The directory is unavailable.",
        LoginProblems.InvalidEmail => "Not an email address.",
        _ => "Login refused.",
    };
}
