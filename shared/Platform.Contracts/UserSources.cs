namespace Platform.Contracts;

/// <summary>How the platform came to know an email user. Values are part of the contract.</summary>
public static class UserSources
{
    public const string Directory = "directory";
    public const string FirstSpam = "firstSpam";
    public const string Login = "login";
    public const string Api = "api";
}
