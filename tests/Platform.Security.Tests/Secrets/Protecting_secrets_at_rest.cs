using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Platform.Security.Secrets;
using Xunit;

namespace Platform.Security.Tests.Secrets;

public sealed class Protecting_secrets_at_rest
{
    private const string Password = "bind-p@ss-wörd";
    private const string ForA = "directory/a.example/bind-password";
    private const string ForB = "directory/b.example/bind-password";

    [Fact]
    public void Round_trips_a_secret_under_the_same_associated_data()
    {
        var protector = Protector(NewKey());

        var stored = protector.Protect(Password, ForA);

        Assert.Equal(Password, protector.Unprotect(stored, ForA).Reveal());
        Assert.Equal(Password, protector.Unprotect(protector.Protect(new Secret(Password), ForA), ForA).Reveal());
    }

    [Fact]
    public void Stores_a_compact_versioned_value_that_does_not_contain_the_secret()
    {
        var protector = Protector(NewKey());

        var stored = protector.Protect(Password, ForA);
        var bytes = Base64Url.DecodeFromChars(stored);

        Assert.Matches("^[A-Za-z0-9_-]+$", stored);
        Assert.Equal(1, bytes[0]);
        Assert.Equal(1 + 4 + 12 + System.Text.Encoding.UTF8.GetByteCount(Password) + 16, bytes.Length);
        Assert.DoesNotContain("bind", stored, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Encrypts_the_same_secret_differently_every_time()
    {
        var protector = Protector(NewKey());

        Assert.NotEqual(protector.Protect(Password, ForA), protector.Protect(Password, ForA));
    }

    [Fact]
    public void Refuses_a_value_moved_to_another_domain()
    {
        var protector = Protector(NewKey());
        var storedForA = protector.Protect(Password, ForA);

        var error = Assert.Throws<SecretUnprotectException>(() => protector.Unprotect(storedForA, ForB));

        Assert.Equal(SecretUnprotectFailure.TamperedOrWrongContext, error.Failure);
    }

    [Fact]
    public void Refuses_a_value_with_any_byte_altered()
    {
        var protector = Protector(NewKey());
        var bytes = Base64Url.DecodeFromChars(protector.Protect(Password, ForA));

        for (var i = 0; i < bytes.Length; i++)
        {
            var altered = (byte[])bytes.Clone();
            altered[i] ^= 0x01;

            Assert.Throws<SecretUnprotectException>(() => protector.Unprotect(Base64Url.EncodeToString(altered), ForA));
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("not base64url!")]
    [InlineData("AQIDBA")]
    public void Refuses_malformed_values(string stored)
    {
        var error = Assert.Throws<SecretUnprotectException>(() => Protector(NewKey()).Unprotect(stored, ForA));

        Assert.Equal(SecretUnprotectFailure.Malformed, error.Failure);
    }

    [Fact]
    public void Says_nothing_about_the_secret_or_its_context_when_it_refuses()
    {
        var protector = Protector(NewKey());
        var stored = protector.Protect(Password, ForA);

        var error = Assert.Throws<SecretUnprotectException>(() => protector.Unprotect(stored[..^2] + "AA", ForA));

        Assert.DoesNotContain(Password, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("a.example", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(stored[..12], error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypts_with_the_previous_key_after_a_rotation_and_tells_what_to_reprotect()
    {
        var (oldKey, newKey) = (NewKey(), NewKey());
        var before = Protector(oldKey);
        var storedBefore = before.Protect(Password, ForA);
        var after = Protector(newKey, oldKey);

        var secret = after.Unprotect(storedBefore, ForA);
        var reprotected = after.Protect(secret, ForA);

        Assert.Equal(Password, secret.Reveal());
        Assert.False(after.IsProtectedWithCurrentKey(storedBefore));
        Assert.True(after.IsProtectedWithCurrentKey(reprotected));
        Assert.Equal(Password, Protector(newKey).Unprotect(reprotected, ForA).Reveal());
    }

    [Fact]
    public void Refuses_a_value_protected_with_a_key_no_longer_configured()
    {
        var stored = Protector(NewKey()).Protect(Password, ForA);

        var error = Assert.Throws<SecretUnprotectException>(() => Protector(NewKey()).Unprotect(stored, ForA));

        Assert.Equal(SecretUnprotectFailure.UnknownKey, error.Failure);
    }

    [Fact]
    public void Never_prints_a_secret()
    {
        var secret = new Secret(Password);

        Assert.Equal("***", secret.ToString());
        Assert.Equal("password ***", $"password {secret}");
        Assert.Equal("""{"password":"***"}""", JsonSerializer.Serialize(new { password = secret }));
    }

    [Fact]
    public void Reads_a_secret_from_a_JSON_string()
    {
        var login = JsonSerializer.Deserialize<Login>("""{"password":"hunter2"}""", JsonSerializerOptions.Web)!;

        Assert.Equal("hunter2", login.Password.Reveal());
        Assert.DoesNotContain("hunter2", login.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("", "is not set")]
    [InlineData("bm90IDMyIGJ5dGVz", "holds 12 bytes")]
    [InlineData("s3cr3t not base64", "is not base64")]
    public void Refuses_to_start_without_a_32_byte_key_naming_the_variable_not_the_value(string? key, string reason)
    {
        var options = new SecretProtectionOptions { EncryptionKey = key };

        var error = Assert.Throws<InvalidOperationException>(() => new SecretProtector(options));

        Assert.Contains("Secrets__EncryptionKey", error.Message, StringComparison.Ordinal);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bm90IDMy", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_previous_key_that_is_not_32_bytes_naming_which()
    {
        var options = new SecretProtectionOptions { EncryptionKey = NewKey() };
        options.PreviousEncryptionKeys.Add(NewKey());
        options.PreviousEncryptionKeys.Add(Convert.ToBase64String(new byte[16]));

        var error = Assert.Throws<InvalidOperationException>(() => new SecretProtector(options));

        Assert.Contains("Secrets__PreviousEncryptionKeys__1", error.Message, StringComparison.Ordinal);
    }

    internal static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    private static SecretProtector Protector(string key, params string[] previous)
    {
        var options = new SecretProtectionOptions { EncryptionKey = key };
        foreach (var old in previous)
        {
            options.PreviousEncryptionKeys.Add(old);
        }

        return new SecretProtector(options);
    }

    private sealed record Login(string User, Secret Password);
}
