using System.Text;
using Platform.Auth.Mfa;
using Xunit;

namespace Platform.Auth.Tests.Mfa;

public sealed class Deciding_second_factor_changes
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("an authenticator secret");
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);

    [Fact]
    public void Enrolls_confirms_and_spends_each_recovery_code_once()
    {
        var codes = RecoveryCodes.New();
        var state = Fold(SecondFactor.Initial, SecondFactorDecisions.Start(SecondFactor.Initial, "protected", Now));
        Assert.Equal(SecondFactorDecisions.Invalid, SecondFactorDecisions.Confirm(state, Secret, "000000", codes, Now).Problem);
        state = Fold(state, SecondFactorDecisions.Confirm(state, Secret, TotpCodes.Compute(Secret, TotpCodes.Step(Now)), codes, Now));

        var recovered = SecondFactorDecisions.Verify(state, Secret, codes[3].ToUpperInvariant(), Now);
        var again = SecondFactorDecisions.Verify(Fold(state, recovered), Secret, codes[3], Now);

        Assert.True(state.Enabled);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[a-z2-9]{5}-[a-z2-9]{5}$", c));
        Assert.IsType<RecoveryCodeUsed>(Assert.Single(recovered.Events));
        Assert.Equal(SecondFactorDecisions.Invalid, again.Problem);
        Assert.Equal(SecondFactorDecisions.AlreadyEnabled, SecondFactorDecisions.Start(state, "another", Now).Problem);
    }

    [Fact]
    public void Turns_off_only_with_a_valid_code()
    {
        var state = Fold(SecondFactor.Initial, SecondFactorDecisions.Start(SecondFactor.Initial, "protected", Now));
        state = Fold(state, SecondFactorDecisions.Confirm(state, Secret, TotpCodes.Compute(Secret, TotpCodes.Step(Now)), RecoveryCodes.New(), Now));

        Assert.Equal(SecondFactorDecisions.Invalid, SecondFactorDecisions.Disable(state, Secret, "123456", Now).Problem);
        var disabled = Fold(state, SecondFactorDecisions.Disable(state, Secret, TotpCodes.Compute(Secret, TotpCodes.Step(Now) + 1), Now));
        Assert.False(disabled.Enabled);
        Assert.Equal(SecondFactorDecisions.NotEnabled, SecondFactorDecisions.Verify(disabled, Secret, "123456", Now).Problem);
    }

    private static SecondFactor Fold(SecondFactor state, MfaDecision decision)
    {
        Assert.Null(decision.Problem);
        return decision.Events.Aggregate(state, (s, e) => s.Apply(e));
    }
}
