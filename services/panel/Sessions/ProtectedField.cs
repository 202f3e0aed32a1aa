using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Platform.Panel.Sessions;

/// <summary>
/// A value carried from one step of a form to the next in a hidden field, encrypted and signed by data protection
/// for <paramref name="lifetime"/>: the panel keeps no state of its own for it (every replica reads it).
/// </summary>
public sealed class ProtectedField<T>(IDataProtectionProvider protection, string purpose, TimeSpan lifetime)
    where T : class
{
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(purpose).ToTimeLimitedDataProtector();

    public string Protect(T value) => _protector.Protect(JsonSerializer.Serialize(value), lifetime);

    /// <summary>The value, or null when the field is missing, expired or not one the panel wrote.</summary>
    public T? Unprotect(string? field)
    {
        try
        {
            return field is null ? null : JsonSerializer.Deserialize<T>(_protector.Unprotect(field));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }
}
