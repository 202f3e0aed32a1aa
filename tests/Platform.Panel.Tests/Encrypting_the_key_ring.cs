using System.Security.Cryptography;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Platform.Panel.Keys;
using Platform.Security.Secrets;
using Platform.Testing;
using Xunit;

namespace Platform.Panel.Tests;

/// <summary>
/// The data-protection keys the panel stores in PostgreSQL are encrypted with the platform's at-rest key: the table
/// alone gives nobody the key material that protects the session cookies.
/// </summary>
public sealed class Encrypting_the_key_ring : IAsyncLifetime
{
    private readonly ServiceHost<Program> _panel = new();

    public Task InitializeAsync() => _panel.InitializeAsync();

    public Task DisposeAsync() => _panel.DisposeAsync().AsTask();

    [Fact]
    public async Task Stores_each_key_encrypted_with_the_platforms_at_rest_key()
    {
        using var http = _panel.CreateClient();
        (await http.GetAsync("/signin")).EnsureSuccessStatusCode(); // its antiforgery token needs a key

        await using var data = NpgsqlDataSource.Create(_panel.ConnectionString);
        await using var command = data.CreateCommand("SELECT xml FROM panel.data_protection_keys");
        var stored = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        var key = XElement.Parse(Assert.Single(stored));
        Assert.Single(key.Descendants(), e => e.Name.LocalName == "encryptedKey");
        Assert.DoesNotContain(key.Descendants(), e => e.Name.LocalName == "masterKey");
        // The decryptor the key names gets the key back with the panel's own protector.
        var encrypted = key.Descendants().Single(e => e.Name.LocalName == "encryptedSecret").Elements().Single();
        var decrypted = new SecretKeyDecryptor(_panel.Services).Decrypt(encrypted);
        Assert.Equal("masterKey", decrypted.Name.LocalName);
    }

    [Fact]
    public void Gives_the_key_back_only_with_the_same_at_rest_key()
    {
        var plain = new XElement("masterKey", new XElement("value", Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))));
        var ours = Protector();

        var encrypted = new SecretKeyEncryptor(ours).Encrypt(plain);

        Assert.Equal(typeof(SecretKeyDecryptor), encrypted.DecryptorType);
        Assert.DoesNotContain(plain.Element("value")!.Value, encrypted.EncryptedElement.ToString(), StringComparison.Ordinal);
        Assert.Equal(plain.ToString(), Decryptor(ours).Decrypt(encrypted.EncryptedElement).ToString());
        Assert.ThrowsAny<CryptographicException>(() => Decryptor(Protector()).Decrypt(encrypted.EncryptedElement));
    }

    private static SecretProtector Protector() => new(new SecretProtectionOptions { EncryptionKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });

    private static SecretKeyDecryptor Decryptor(SecretProtector protector) =>
        new(new ServiceCollection().AddSingleton(protector).BuildServiceProvider());
}
