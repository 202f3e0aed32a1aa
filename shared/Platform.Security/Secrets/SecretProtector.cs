using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Security.Secrets;

/// <summary>
/// Encrypts secrets at rest (LDAP bind passwords, TOTP secrets) with AES-256-GCM, bound to associated data that names
/// what the secret is for (<c>directory/{domain}/bind-password</c>), so a value copied to another row does not decrypt.
/// </summary>
/// <remarks>
/// Format, base64url without padding: version (1 byte, 1) · key id (4 bytes) · nonce (12) · ciphertext · tag (16).
/// Version and key id are authenticated too. The key id is derived from the key (HMAC), so it names a key without
/// revealing anything about it; rotation keeps old keys in <c>Secrets:PreviousEncryptionKeys</c> for decryption.
/// </remarks>
public sealed class SecretProtector
{
    public const int KeySize = 32;
    private const byte Version1 = 1;
    private const int KeyIdSize = 4;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int HeaderSize = 1 + KeyIdSize;
    private const int OverheadSize = HeaderSize + NonceSize + TagSize;

    private readonly ProtectionKey _current;
    private readonly IReadOnlyList<ProtectionKey> _keys;

    /// <exception cref="InvalidOperationException">A key is missing or not base64 of 32 bytes (the message names the setting, not its value).</exception>
    public SecretProtector(SecretProtectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _current = ProtectionKey.Read(options.EncryptionKey, SecretProtectionOptions.EncryptionKeyKey);
        var keys = new List<ProtectionKey> { _current };
        for (var i = 0; i < options.PreviousEncryptionKeys.Count; i++)
        {
            keys.Add(ProtectionKey.Read(options.PreviousEncryptionKeys[i], $"{SecretProtectionOptions.PreviousEncryptionKeysKey}:{i}"));
        }

        _keys = keys;
    }

    public string Protect(Secret secret, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Protect(secret.Reveal(), associatedData);
    }

    /// <param name="associatedData">What the secret is for, e.g. <c>directory/a.example/bind-password</c>; needed again to unprotect.</param>
    public string Protect(string plaintext, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentException.ThrowIfNullOrEmpty(associatedData);

        var plain = Encoding.UTF8.GetBytes(plaintext);
        var output = new byte[OverheadSize + plain.Length];
        try
        {
            output[0] = Version1;
            BinaryPrimitives.WriteUInt32BigEndian(output.AsSpan(1, KeyIdSize), _current.Id);
            var nonce = output.AsSpan(HeaderSize, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using var aes = new AesGcm(_current.Key, TagSize);
            aes.Encrypt(
                nonce,
                plain,
                output.AsSpan(HeaderSize + NonceSize, plain.Length),
                output.AsSpan(output.Length - TagSize),
                AssociatedData(output.AsSpan(0, HeaderSize), associatedData));
            return Base64Url.EncodeToString(output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <exception cref="SecretUnprotectException">Malformed, protected with an unknown key, altered, or for other associated data.</exception>
    public Secret Unprotect(string protectedValue, string associatedData)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        ArgumentException.ThrowIfNullOrEmpty(associatedData);

        var input = Decode(protectedValue);
        var header = input.AsSpan(0, HeaderSize);
        var nonce = input.AsSpan(HeaderSize, NonceSize);
        var ciphertext = input.AsSpan(HeaderSize + NonceSize, input.Length - OverheadSize);
        var tag = input.AsSpan(input.Length - TagSize);
        var aad = AssociatedData(header, associatedData);
        var keyId = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);

        var candidates = _keys.Where(key => key.Id == keyId).ToList();
        if (candidates.Count == 0)
        {
            throw new SecretUnprotectException(SecretUnprotectFailure.UnknownKey);
        }

        var plain = new byte[ciphertext.Length];
        try
        {
            // Key ids are 32 bits: in the unlikely event two configured keys share one, the tag tells which is right.
            foreach (var key in candidates)
            {
                using var aes = new AesGcm(key.Key, TagSize);
                try
                {
                    aes.Decrypt(nonce, ciphertext, tag, plain, aad);
                    return new Secret(Encoding.UTF8.GetString(plain));
                }
                catch (AuthenticationTagMismatchException)
                {
                    // Try the next candidate; none left means tampered.
                }
            }

            throw new SecretUnprotectException(SecretUnprotectFailure.TamperedOrWrongContext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }

    /// <summary>
    /// Whether a protected value was protected with the current key; when not (after a rotation), unprotect and
    /// protect it again, so that the previous key can eventually be dropped.
    /// </summary>
    public bool IsProtectedWithCurrentKey(string protectedValue)
    {
        ArgumentNullException.ThrowIfNull(protectedValue);
        var input = Decode(protectedValue);
        return BinaryPrimitives.ReadUInt32BigEndian(input.AsSpan(1, KeyIdSize)) == _current.Id;
    }

    private static byte[] Decode(string protectedValue)
    {
        byte[] input;
        try
        {
            input = Base64Url.DecodeFromChars(protectedValue);
        }
        catch (FormatException)
        {
            throw new SecretUnprotectException(SecretUnprotectFailure.Malformed);
        }

        return input.Length < OverheadSize || input[0] != Version1
            ? throw new SecretUnprotectException(SecretUnprotectFailure.Malformed)
            : input;
    }

    private static byte[] AssociatedData(ReadOnlySpan<byte> header, string associatedData)
    {
        var aad = new byte[header.Length + Encoding.UTF8.GetByteCount(associatedData)];
        header.CopyTo(aad);
        Encoding.UTF8.GetBytes(associatedData, aad.AsSpan(header.Length));
        return aad;
    }

    private sealed class ProtectionKey
    {
        private static readonly byte[] IdLabel = "platform-secrets/key-id"u8.ToArray();

        private ProtectionKey(byte[] key)
        {
            Key = key;
            Id = BinaryPrimitives.ReadUInt32BigEndian(HMACSHA256.HashData(key, IdLabel));
        }

        public byte[] Key { get; }

        public uint Id { get; }

        public static ProtectionKey Read(string? base64, string setting)
        {
            var name = $"{setting} ({setting.Replace(":", "__", StringComparison.Ordinal)})";
            if (string.IsNullOrWhiteSpace(base64))
            {
                throw new InvalidOperationException($"{name} is not set: it must hold base64 of {KeySize} random bytes.");
            }

            byte[] key;
            try
            {
                key = Convert.FromBase64String(base64.Trim());
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"{name} is not base64: it must hold base64 of {KeySize} random bytes.");
            }

            return key.Length == KeySize
                ? new ProtectionKey(key)
                : throw new InvalidOperationException($"{name} holds {key.Length} bytes: it must hold base64 of {KeySize} random bytes.");
        }
    }
}
