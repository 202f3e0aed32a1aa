using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.Panel.Sessions;

/// <summary>
/// The address and password between a sign-in's password step and its code step: a hidden field encrypted with data
/// protection for five minutes, so the panel keeps no state of its own. One purpose per kind of sign-in.
/// </summary>
public sealed class PendingSignIn(IDataProtectionProvider protection, string purpose)
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(purpose).ToTimeLimitedDataProtector();

    public string Protect(string? email, string? password) =>
        _protector.Protect(JsonSerializer.Serialize(new[] { email, password }), TimeSpan.FromMinutes(5));

    /// <summary>The address and password, or false when the field was changed or is older than five minutes.</summary>
    public bool TryRead(string pending, out string? email, out string? password)
    {
        email = password = null;
        try
        {
            if (JsonSerializer.Deserialize<string?[]>(_protector.Unprotect(pending)) is not [var address, var secret])
            {
                return false;
            }

            (email, password) = (address, secret);
            return true;
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return false;
        }
    }
}
