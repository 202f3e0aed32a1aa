using Platform.Contracts;
using Platform.DirectorySync.Registry;
using Xunit;

namespace Platform.DirectorySync.Tests.Registry;

public sealed class Deciding_registry_changes
{
    private const string Domain = "example.com";
    private const string Email = "ann@example.com";
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);
    private static readonly RegisteredUser Known = Fold(new UserRegistered(Domain, Email, UserSources.FirstSpam, At));

    [Fact]
    public void Registers_a_user_once_whichever_source_comes_first()
    {
        var first = RegistryDecisions.Discover(RegisteredUser.Initial, Domain, Email, UserSources.Directory, At);

        Assert.Equal(UserSources.Directory, Assert.IsType<UserRegistered>(Assert.Single(first)).Source);
        Assert.Empty(RegistryDecisions.Discover(Known, Domain, Email, UserSources.Login, At));
    }

    [Fact]
    public void Registers_a_deleted_user_anew_when_a_source_reports_them_again()
    {
        var deleted = Known.After(new RegistryUserDeleted(Domain, Email, "admin", At));

        Assert.False(deleted.Known);
        Assert.Single(RegistryDecisions.Discover(deleted, Domain, Email, UserSources.FirstSpam, At));
    }

    [Fact]
    public void Adds_a_user_by_hand_inactive_from_the_start_but_never_twice()
    {
        var added = RegistryDecisions.Add(RegisteredUser.Initial, Domain, Email, UserStatuses.Inactive, "admin", At);
        var again = RegistryDecisions.Add(Known, Domain, Email, UserStatuses.Active, "admin", At);

        var user = added.Events.Aggregate(RegisteredUser.Initial, (state, e) => state.After(e));
        Assert.Equal((UserSources.Api, UserStatuses.Inactive), (user.Source, user.Status));
        Assert.Equal(RegistryProblems.AlreadyExists, again.Problem);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void Adds_no_user_to_a_full_list_and_still_tells_a_known_one_apart()
    {
        var refused = RegistryDecisions.Add(RegisteredUser.Initial, Domain, Email, UserStatuses.Active, "admin", At, listFull: true);
        var known = RegistryDecisions.Add(Known, Domain, Email, UserStatuses.Active, "admin", At, listFull: true);

        Assert.Equal(RegistryProblems.UserLimitReached, refused.Problem);
        Assert.Empty(refused.Events);
        Assert.Equal(RegistryProblems.AlreadyExists, known.Problem);
    }

    [Fact]
    public void Sets_a_status_only_when_it_changes()
    {
        var deactivated = RegistryDecisions.SetStatus(Known, Domain, Email, UserStatuses.Inactive, "admin", At);
        var inactive = Known.After(Assert.Single(deactivated.Events));

        Assert.Equal(UserStatuses.Inactive, inactive.Status);
        Assert.Empty(RegistryDecisions.SetStatus(inactive, Domain, Email, UserStatuses.Inactive, "admin", At).Events);
        Assert.Empty(RegistryDecisions.SetStatus(Known, Domain, Email, UserStatuses.Active, "admin", At).Events);
        Assert.Equal(RegistryProblems.NotFound, RegistryDecisions.SetStatus(RegisteredUser.Initial, Domain, Email, UserStatuses.Inactive, "a", At).Problem);
    }

    [Fact]
    public void Refuses_to_delete_a_user_the_directory_still_has()
    {
        Assert.Equal(RegistryProblems.ManagedByDirectory, RegistryDecisions.Delete(Known, inDirectory: true, Domain, Email, "admin", At).Problem);
        Assert.IsType<RegistryUserDeleted>(Assert.Single(RegistryDecisions.Delete(Known, inDirectory: false, Domain, Email, "admin", At).Events));
        Assert.Equal(RegistryProblems.NotFound, RegistryDecisions.Delete(RegisteredUser.Initial, false, Domain, Email, "admin", At).Problem);
    }

    [Fact]
    public void Adds_an_unknown_user_on_their_first_login_and_records_every_login()
    {
        var first = RegistryDecisions.Login(RegisteredUser.Initial, Domain, Email, LoginMethods.Password, At);
        var later = RegistryDecisions.Login(Known, Domain, Email, LoginMethods.LoginLink, At.AddDays(1));

        var user = first.Aggregate(RegisteredUser.Initial, (state, e) => state.After(e));
        Assert.Equal((UserSources.Login, (DateTimeOffset?)At), (user.Source, user.LastLogin));
        Assert.Equal(At.AddDays(1), Assert.IsType<UserLoggedIn>(Assert.Single(later)).At);
    }

    private static RegisteredUser Fold(params RegistryEvent[] events) => events.Aggregate(RegisteredUser.Initial, (state, e) => state.After(e));
}
