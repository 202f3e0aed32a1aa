using System.Security.Cryptography;
using System.Text;

namespace Platform.Directory.Settings;

/// <summary>
/// A password that must never reach a log, an exception message or a <c>ToString()</c> (records print their
/// members): it prints as <c>********</c>, and the value is only read where a bind needs it.
/// </summary>
public sealed class DirectorySecret : IEquatable<DirectorySecret>
{
    private readonly string _value;

    public DirectorySecret(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _value = value;
    }

    public bool IsEmpty => _value.Length == 0;

    /// <summary>The password itself, for a bind; do not store or print it.</summary>
    public string Reveal() => _value;

    public override string ToString() => "********";

    public bool Equals(DirectorySecret? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(_value), Encoding.UTF8.GetBytes(other._value));

    public override bool Equals(object? obj) => obj is DirectorySecret other && Equals(other);

    public override int GetHashCode() => 0;
}
