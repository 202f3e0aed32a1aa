using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Platform.Panel.Sessions;
using MediaType = Microsoft.Net.Http.Headers.MediaTypeHeaderValue;

namespace Platform.Panel.Texts;

/// <summary>
/// The footer's language choice. Its form posts to the page's own address (no action: the browser's current
/// address), with the chosen language in <see cref="Field"/> and the antiforgery token, and nothing else: the address
/// is never copied into the form (on the login link's landing it holds the one-time token). This middleware takes
/// such a POST before the page does, checks the antiforgery token (400 without it, as for every form — but when the
/// session ended elsewhere and this request signed the person out, a 303 to the sign-in page saying so, changing
/// nothing), sets the language cookie the request localization reads, and answers 303 to the same address, which the
/// browser then GETs.
/// Only URL-encoded forms are looked at, so file uploads are never read here.
/// </summary>
public sealed class LanguageSwitch(RequestDelegate next, IAntiforgery antiforgery)
{
    /// <summary>The field of the language choice; no page's own form has a field of this name.</summary>
    public const string Field = "panel-language";

    public async Task InvokeAsync(HttpContext http)
    {
        if (!IsLanguagePost(http.Request) || !(await http.Request.ReadFormAsync(http.RequestAborted)).TryGetValue(Field, out var language))
        {
            await next(http);
            return;
        }

        if (!await antiforgery.IsRequestValidAsync(http))
        {
            // A page left open while the session ended elsewhere holds a token of the signed-in person, whom this very
            // request signed out: nothing is changed, and the person goes to the sign-in page that says why.
            if (http.Items[typeof(SessionVerdict)] is SessionVerdict stopped)
            {
                http.Response.StatusCode = StatusCodes.Status303SeeOther;
                http.Response.Headers.Location = http.Request.PathBase + SessionVerdicts.SignInUri(SessionVerdicts.UserSignIn, http.Request.Path, stopped);
                return;
            }

            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (Chosen(language) is { } chosen)
        {
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
        }

        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = BackTo(http.Request.PathBase, http.Request.Path, http.Request.QueryString);
    }

    /// <summary>One of the panel's languages, or null for anything else.</summary>
    public static string? Chosen(string? language) => PanelTexts.Languages.FirstOrDefault(l => l == language);

    /// <summary>
    /// The address the form was posted to, to GET again: always a path of this site. A path that a browser would read
    /// as another host (<c>//host</c>, <c>/\host</c>) goes to the home page instead.
    /// </summary>
    public static string BackTo(PathString pathBase, PathString path, QueryString query)
    {
        var address = (pathBase + path).Value is { Length: > 0 } p ? p : "/";
        return address.StartsWith("//", StringComparison.Ordinal) || address.StartsWith("/\\", StringComparison.Ordinal) ? "/" : address + query;
    }

    private static bool IsLanguagePost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && MediaType.TryParse(request.ContentType, out var type)
        && type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
}
