namespace Platform.Auth.Login;

/// <summary>Who is logging in, how (<c>LoginMethods</c>) and from where: what every record of the attempt carries.</summary>
public sealed record LoginAttempt(string Domain, string Email, string Method, LoginClient Client);
