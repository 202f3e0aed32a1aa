namespace Platform.Demo.Story;

/// <summary>The names of the story's flows, each one trace.</summary>
public static class Flows
{
    public const string Sync = "sync";
    public const string FirstSpam = "first spam";
    public const string LinkLogin = "link login";
    public const string SecondFactor = "second factor";
    public const string Login = "login";
    public const string Deactivation = "deactivation";
    public const string RefusedLogin = "refused login";
}
