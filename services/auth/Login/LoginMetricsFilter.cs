using Platform.ServiceDefaults.Http;

namespace Platform.Auth.Login;

/// <summary>Counts what a login endpoint answered in <see cref="LoginMetrics"/>, without touching the login logic.</summary>
public static class LoginMetricsFilter
{
    public static RouteHandlerBuilder CountedAsLogin(this RouteHandlerBuilder endpoint, string method) =>
        endpoint.RecordAnswers<LoginMetrics>(_ => LoginMetrics.Success, (metrics, result) => metrics.Record(method, result));
}
