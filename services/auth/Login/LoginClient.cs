namespace Platform.Auth.Login;

/// <summary>Where a login comes from: the client's address (recorded) and the key it is counted by (an IPv6 client's /64).</summary>
public sealed record LoginClient(string? Address, string? Key)
{
    public static LoginClient Unknown { get; } = new(null, null);
}
