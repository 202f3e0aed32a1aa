using System.Text;
using OtpNet;
using Platform.Auth.Mfa;
using Xunit;

namespace Platform.Auth.Tests.Mfa;

public sealed class Computing_totp_codes
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");

    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Matches_the_rfc_6238_test_vectors(long unixTime, string code) =>
        Assert.Equal(code, TotpCodes.Compute(RfcSecret, TotpCodes.Step(DateTimeOffset.FromUnixTimeSeconds(unixTime)), digits: 8));

    [Fact]
    public void Matches_the_rfc_4226_hotp_values() =>
        Assert.Equal(
            ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"],
            Enumerable.Range(0, 10).Select(counter => TotpCodes.Compute(RfcSecret, counter)));

    [Theory]
    [InlineData("f", "MY======")]
    [InlineData("fo", "MZXQ====")]
    [InlineData("foo", "MZXW6===")]
    [InlineData("foob", "MZXW6YQ=")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI======")]
    public void Writes_and_reads_base32_as_rfc_4648_does(string text, string base32)
    {
        Assert.Equal(base32, Base32Encoding.ToString(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32Encoding.ToBytes(base32.ToLowerInvariant())));
        Assert.Equal(text, Encoding.ASCII.GetString(Base32Encoding.ToBytes(base32.TrimEnd('='))));
        Assert.Throws<ArgumentException>(() => Base32Encoding.ToBytes("MZXW1"));
    }

    [Fact]
    public void Writes_a_secret_of_twenty_bytes_as_apps_take_it_without_padding() =>
        Assert.Matches("^[A-Z2-7]{32}$", Base32Encoding.ToString(new byte[20]));

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    public void Accepts_the_code_of_each_step_of_the_window_once(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000 + 17);
        var step = TotpCodes.Step(now) + offset;
        var code = TotpCodes.Compute(RfcSecret, step);

        var first = TotpCodes.Match(RfcSecret, code, now, lastUsedStep: null);
        var replayed = TotpCodes.Match(RfcSecret, code, now, lastUsedStep: first);

        Assert.Equal(step, first);
        Assert.Null(replayed);
    }

    [Theory]
    [InlineData(-3)]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(3)]
    public void Refuses_the_code_of_a_step_outside_the_window(int offset)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000 + 17);

        Assert.Null(TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, TotpCodes.Step(now) + offset), now, lastUsedStep: null));
    }

    [Fact]
    public void Accepts_a_code_one_step_either_side_of_now_but_not_two()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var step = TotpCodes.Step(now);

        Assert.Equal(step - 1, TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, step - 1), now, null));
        Assert.Equal(step + 1, TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, step + 1), now, null));
        Assert.Null(TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, step - 2), now, null));
        Assert.Null(TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, step + 2), now, null));
        Assert.Equal(step, TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, step).Insert(3, " "), now, null));
        Assert.Null(TotpCodes.Match(RfcSecret, "12a456", now, null));
        Assert.Null(TotpCodes.Match(RfcSecret, null, now, null));
    }

    [Fact]
    public void Refuses_a_code_already_used_and_any_older_one()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        var step = TotpCodes.Step(now);

        Assert.Null(TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, step), now, lastUsedStep: step));
        Assert.Null(TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, step - 1), now, lastUsedStep: step));
        Assert.Equal(step + 1, TotpCodes.Match(RfcSecret, TotpCodes.Compute(RfcSecret, step + 1), now, lastUsedStep: step));
    }
}
