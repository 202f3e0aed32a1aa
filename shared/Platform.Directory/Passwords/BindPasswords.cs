namespace Platform.Directory.Passwords;

/// <summary>Which passwords may be sent in a simple bind at all, pure.</summary>
public static class BindPasswords
{
    /// <summary>
    /// False for a password that is empty or holds a C0 control character (U+0000–U+001F) or DEL. An empty password
    /// is an unauthenticated bind, which many servers answer with success (anonymous); libldap takes the password as a
    /// C string, so a NUL cuts it there: <c>"\0x"</c> becomes an empty password and <c>"right\0x"</c> the right one.
    /// Nobody types control characters into a password field, so none is ever sent.
    /// </summary>
    public static bool IsUsable(string? password) =>
        !string.IsNullOrEmpty(password) && !password.Any(c => c < '\u0020' || c == '\u007f');
}
