using Platform.Security;

namespace Platform.Auth.Login;

/// <summary>
/// <c>POST /v1/login</c>: the address, the directory password and, for a user with a second factor, a TOTP or
/// recovery code. The password binds to <see cref="Secret"/>, so it never prints.
/// </summary>
public sealed record LoginRequest(string? Email, Secret? Password, string? Code);
