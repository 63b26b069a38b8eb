namespace GrowthMonitor.Access;

/// <summary>
/// The session cookie: an opaque token naming a session in PostgreSQL (<see cref="Sessions"/>). HttpOnly, SameSite=Lax
/// (a link from a mail still arrives signed in), Secure whenever the request came over HTTPS. Its Max-Age is set again
/// whenever the session slides, so that the browser keeps it as long as the server does.
/// </summary>
public static class SessionCookie
{
    public const string Name = "GrowthMonitor.Session";

    public static string? Read(HttpContext http) => http.Request.Cookies[Name] is { Length: > 0 } token ? token : null;

    public static void Set(HttpContext http, string token, TimeSpan lifetime) => http.Response.Cookies.Append(Name, token, Options(http, lifetime));

    public static void Clear(HttpContext http) => http.Response.Cookies.Delete(Name, Options(http, null));

    private static CookieOptions Options(HttpContext http, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Lax,
        Secure = http.Request.IsHttps,
        Path = "/",
        IsEssential = true,
        MaxAge = lifetime,
    };
}
