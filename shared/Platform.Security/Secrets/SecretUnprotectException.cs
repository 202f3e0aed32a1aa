using System.Security.Cryptography;

namespace Platform.Security.Secrets;

public enum SecretUnprotectFailure
{
    /// <summary>Not a protected value of a known format (truncated, not base64url, unknown version).</summary>
    Malformed,

    /// <summary>Protected with a key that is no longer configured.</summary>
    UnknownKey,

    /// <summary>The ciphertext was altered, or it was protected for other associated data (e.g. another domain).</summary>
    TamperedOrWrongContext,
}

/// <summary>A protected secret could not be decrypted. Carries neither the protected value nor the associated data.</summary>
public sealed class SecretUnprotectException : CryptographicException
{
    public SecretUnprotectException(SecretUnprotectFailure failure)
        : base(failure switch
        {
            SecretUnprotectFailure.Malformed => "The protected secret is malformed.",
            SecretUnprotectFailure.UnknownKey => "The protected secret was protected with a key that is not configured (Secrets:EncryptionKey, Secrets:PreviousEncryptionKeys).",
            _ => "The protected secret was altered or belongs to another context.",
        }) => Failure = failure;

    public SecretUnprotectException()
        : this(SecretUnprotectFailure.Malformed)
    {
    }

    public SecretUnprotectException(string message)
        : base(message)
    {
    }

    public SecretUnprotectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SecretUnprotectFailure Failure { get; }
}
