using Microsoft.AspNetCore.DataProtection;

namespace Platform.Panel.Sessions;

/// <summary>
/// The address and password between a sign-in's password step and its code step: a <see cref="ProtectedField{T}"/>
/// for five minutes, so the panel keeps no state of its own. One purpose per kind of sign-in.
/// </summary>
public sealed class PendingSignIn(IDataProtectionProvider protection, string purpose)
{
    private readonly ProtectedField<string?[]> _field = new(protection, purpose, TimeSpan.FromMinutes(5));

    public string Protect(string? email, string? password) => _field.Protect([email, password]);

    /// <summary>The address and password, or false when the field was changed or is older than five minutes.</summary>
    public bool TryRead(string pending, out string? email, out string? password)
    {
        (email, password) = (null, null);
        if (_field.Unprotect(pending) is not [var address, var secret])
        {
            return false;
        }

        (email, password) = (address, secret);
        return true;
    }
}
