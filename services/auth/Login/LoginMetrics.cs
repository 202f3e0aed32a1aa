using System.Diagnostics.Metrics;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Telemetry;

namespace Platform.Auth.Login;

/// <summary>
/// <c>platform.auth.logins</c>: every answered login by method and result — <c>success</c>, the problem <c>code</c> the
/// client got (<c>invalid_credentials</c>, <c>locked</c>, <c>directory_unavailable</c>…), <c>bad_request</c> or
/// <c>error</c> (see <see cref="EndpointAnswers"/>). Both tags come from fixed sets: no address, domain or client
/// address ever becomes a tag.
/// </summary>
public sealed class LoginMetrics(IMeterFactory meters)
{
    public const string Area = "Auth";
    public const string InstrumentName = "platform.auth.logins";
    public const string MethodTag = "platform.login.method";
    public const string ResultTag = "platform.login.result";
    public const string Success = "success";

    private readonly Counter<long> _logins = PlatformTelemetry.CreateMeter(meters, Area).CreateCounter<long>(InstrumentName, "{login}",
        "Login attempts answered, by method and result (success or the problem code).");

    public void Record(string method, string result) =>
        _logins.Add(1, new KeyValuePair<string, object?>(MethodTag, method), new KeyValuePair<string, object?>(ResultTag, result));
}
