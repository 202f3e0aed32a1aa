namespace Platform.Auth.Accounts;

/// <summary>One stream per email user: <c>account/{domain}/{email}</c>.</summary>
public static class AccountStreams
{
    public const string Prefix = "account/";

    public static string StreamId(string domain, string email) => $"{Prefix}{domain}/{email}";

    /// <summary>The domain and address of an account stream (a domain has no '/', so the first one after the prefix ends it).</summary>
    public static (string Domain, string Email) Parse(string streamId)
    {
        var slash = streamId.IndexOf('/', Prefix.Length);
        return (streamId[Prefix.Length..slash], streamId[(slash + 1)..]);
    }
}
