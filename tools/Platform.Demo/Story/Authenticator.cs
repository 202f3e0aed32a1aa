using Platform.Auth.Mfa;

namespace Platform.Demo.Story;

/// <summary>
/// The user's authenticator app: codes from the secret auth handed out (RFC 6238), each from a later 30-second step
/// than the one before, as auth accepts a code once and never an older one.
/// </summary>
public sealed class Authenticator(byte[] secret)
{
    private long _lastStep = long.MinValue;

    /// <summary>The code of the current step, or of the step after the last one used when that is later (auth allows one step of drift).</summary>
    public string NextCode()
    {
        _lastStep = Math.Max(TotpCodes.Step(DateTimeOffset.UtcNow), _lastStep + 1);
        return TotpCodes.Compute(secret, _lastStep);
    }

    public override string ToString() => "an authenticator app";
}
