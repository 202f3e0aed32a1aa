using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Platform.Security.Secrets;

namespace Platform.Panel.Keys;

/// <summary>
/// Encrypts each data-protection key before it is stored, with the platform's own at-rest key
/// (<c>Secrets:EncryptionKey</c>, AES-256-GCM, as the services encrypt bind passwords and TOTP secrets): whoever
/// reads the table alone cannot forge or read session cookies. Rotation keeps old keys readable through
/// <c>Secrets:PreviousEncryptionKeys</c>.
/// </summary>
public sealed class SecretKeyEncryptor(SecretProtector protector) : IXmlEncryptor
{
    /// <summary>What the ciphertext is for: it decrypts nowhere else.</summary>
    public const string Purpose = "panel/data-protection-key";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var encrypted = new XElement("encryptedKey",
            new XComment(" A data-protection key, encrypted with the platform's Secrets:EncryptionKey (AES-256-GCM). "),
            new XElement("value", protector.Protect(plaintextElement.ToString(SaveOptions.DisableFormatting), Purpose)));
        return new EncryptedXmlInfo(encrypted, typeof(SecretKeyDecryptor));
    }
}

/// <summary>Reads a key <see cref="SecretKeyEncryptor"/> stored; created by data protection with the panel's services.</summary>
public sealed class SecretKeyDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var value = encryptedElement.Element("value")?.Value ?? throw new FormatException("An encrypted key without its value.");
        return XElement.Parse(services.GetRequiredService<SecretProtector>().Unprotect(value, SecretKeyEncryptor.Purpose).Reveal());
    }
}
