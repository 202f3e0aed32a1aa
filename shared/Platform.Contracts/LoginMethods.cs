namespace Platform.Contracts;

/// <summary>How a login was attempted. Values are part of the contract.</summary>
public static class LoginMethods
{
    public const string Password = "password";
    public const string LoginLink = "loginLink";
    public const string LocalAccount = "localAccount";
}
