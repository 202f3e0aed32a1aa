using Platform.Auth.Mfa;
using Xunit;

namespace Platform.Auth.Tests.Mfa;

public sealed class Counting_wrong_second_factor_codes
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly CodeAttemptLimit Limit = new(5, TimeSpan.FromMinutes(15));
    private static readonly MfaDecision Wrong = MfaDecision.Refused(SecondFactorDecisions.Invalid);
    private static readonly MfaDecision Right = new([new TotpCodeUsed(1, Now)], null);

    [Fact]
    public void Records_a_wrong_code_with_the_count_it_makes()
    {
        var decision = SecondFactorDecisions.Limited(Wrong, new CodeFailures(2, Now.AddMinutes(-1)), "confirm", Limit, Now);

        Assert.Equal(SecondFactorDecisions.Invalid, decision.Problem);
        Assert.Equal([new TotpCodeRejected("confirm", 3, Now)], decision.Events);
    }

    [Fact]
    public void Refuses_even_the_right_code_at_the_limit_until_the_window_has_passed_since_the_last_wrong_one()
    {
        var decision = SecondFactorDecisions.Limited(Right, new CodeFailures(5, Now.AddMinutes(-5)), "disable", Limit, Now);

        Assert.Equal(SecondFactorDecisions.AttemptsExceeded, decision.Problem);
        Assert.Empty(decision.Events);
        Assert.Equal(TimeSpan.FromMinutes(10), decision.RetryAfter);
    }

    [Fact]
    public void Starts_counting_again_once_the_window_has_passed()
    {
        var right = SecondFactorDecisions.Limited(Right, new CodeFailures(5, Now.AddMinutes(-15)), "confirm", Limit, Now);
        var wrong = SecondFactorDecisions.Limited(Wrong, new CodeFailures(5, Now.AddMinutes(-16)), "confirm", Limit, Now);

        Assert.Null(right.Problem);
        Assert.Equal([new TotpCodeRejected("confirm", 1, Now)], wrong.Events);
    }

    [Fact]
    public void Leaves_refusals_that_are_no_wrong_code_uncounted()
    {
        var notPending = MfaDecision.Refused(SecondFactorDecisions.NotPending);

        Assert.Empty(SecondFactorDecisions.Limited(notPending, CodeFailures.None, "confirm", Limit, Now).Events);
    }
}
