using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults.Http;

namespace Platform.ServiceDefaults.Clock;

/// <summary>
/// <c>GET /test/clock</c> and <c>POST /test/clock { advanceBy | advanceTo }</c>, mapped only where the test clock is
/// on, answering only callers on the loopback interface.
/// </summary>
public static partial class TestClockEndpoints
{
    public const string Path = "/test/clock";

    public static IEndpointRouteBuilder MapTestClock(this WebApplication app)
    {
        if (app.Services.GetService<TestClock>() is null)
        {
            return app;
        }

        LogTestClockOn(app.Logger, Path);
        // Not part of any service's API: left out of the OpenAPI document.
        app.MapGet(Path, (TestClock clock, HttpContext http) => FromLoopback(http) ? Now(clock) : NotLoopback()).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(Path, (ClockMove? move, TestClock clock, HttpContext http) =>
        {
            if (!FromLoopback(http))
            {
                return NotLoopback();
            }

            try
            {
                _ = (move?.AdvanceBy, move?.AdvanceTo) switch
                {
                    ({ } by, null) => clock.AdvanceBy(by),
                    (null, { } to) => clock.AdvanceTo(to),
                    _ => throw new ArgumentException("Give either advanceBy (a time span, e.g. \"1.00:00:00\") or advanceTo (a timestamp)."),
                };
                return Now(clock);
            }
            catch (ArgumentException e)
            {
                return CodedProblem.Result(StatusCodes.Status400BadRequest, "invalid_clock_move", "The test clock was not moved.",
                    e is ArgumentOutOfRangeException ? "The test clock only moves forward." : e.Message);
            }
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static bool FromLoopback(HttpContext http) => http.Connection.RemoteIpAddress is { } peer && IPAddress.IsLoopback(peer);

    private static IResult Now(TestClock clock) => TypedResults.Ok(new ClockView(clock.GetUtcNow(), clock.Offset));

    private static IResult NotLoopback() => CodedProblem.Result(StatusCodes.Status403Forbidden, "forbidden", "Not from here.",
        "The test clock answers callers on the loopback interface only.");

    [LoggerMessage(LogLevel.Warning, "The test clock is on: this service's time can be moved forward through {Path} (Development only)")]
    private static partial void LogTestClockOn(ILogger logger, string path);

    /// <summary>Either a step forward or a moment to move to.</summary>
    public sealed record ClockMove(TimeSpan? AdvanceBy, DateTimeOffset? AdvanceTo);

    /// <summary>The service's now and how far it is ahead of the real clock.</summary>
    public sealed record ClockView(DateTimeOffset Now, TimeSpan Offset);
}
