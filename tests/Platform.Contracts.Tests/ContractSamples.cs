using Platform.Contracts;

namespace Platform.Contracts.Tests;

/// <summary>One fully populated instance of every contract, with fixed values, for the wire snapshots.</summary>
internal static class ContractSamples
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 8, 30, 0, TimeSpan.Zero);

    public static readonly IReadOnlyDictionary<Type, object> ByType = new object[]
    {
        new SpamQuarantined
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a01"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", QuarantineId = "q-20261122-0001", Sender = "offers@spam.test",
            Subject = "You won", Score = 12.5, ReceivedAt = At.AddMinutes(-1),
        },
        new FirstSpamDetected
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a02"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", QuarantineId = "q-20261122-0001",
        },
        new UserDiscovered
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a03"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Source = UserSources.Directory, DisplayName = "Alice Smith",
        },
        new LoginSucceeded
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a04"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Method = LoginMethods.Password, ClientAddress = "192.0.2.10", FirstLogin = true,
        },
        new LoginFailed
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a05"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Reason = "invalid_credentials", Method = LoginMethods.Password,
            ClientAddress = "192.0.2.10",
        },
        new WelcomeMessageSent
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a06"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", MessageId = "<welcome.alice.example.com@platform>",
        },
        new UserUpdated
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a07"), OccurredAt = At, Domain = "example.com",
            DirectoryId = "5f0c1a2b-8d3e-4f60-9a1b-2c3d4e5f6a7b", Email = "alice.smith@example.com",
            PreviousEmail = "alice@example.com", Aliases = ["alice@example.com", "a.smith@example.com"],
            DisplayName = "Alice Smith", SyncRunId = Guid.Parse("7a1e0c55-0d7b-4a3e-8f21-5b6c7d8e9f01"),
        },
        new UserDisabledInDirectory
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a08"), OccurredAt = At, Domain = "example.com",
            DirectoryId = "5f0c1a2b-8d3e-4f60-9a1b-2c3d4e5f6a7b", Email = "alice@example.com",
            SyncRunId = Guid.Parse("7a1e0c55-0d7b-4a3e-8f21-5b6c7d8e9f01"),
        },
        new UserEnabledInDirectory
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a09"), OccurredAt = At, Domain = "example.com",
            DirectoryId = "5f0c1a2b-8d3e-4f60-9a1b-2c3d4e5f6a7b", Email = "alice@example.com",
            SyncRunId = Guid.Parse("7a1e0c55-0d7b-4a3e-8f21-5b6c7d8e9f01"),
        },
        new UserRemovedFromDirectory
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a0a"), OccurredAt = At, Domain = "example.com",
            DirectoryId = "5f0c1a2b-8d3e-4f60-9a1b-2c3d4e5f6a7b", Email = "alice@example.com",
            SyncRunId = Guid.Parse("7a1e0c55-0d7b-4a3e-8f21-5b6c7d8e9f01"), ApprovedBy = "admin@example.com",
        },
        new DirectorySyncCompleted
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a0b"), OccurredAt = At, Domain = "example.com",
            SyncRunId = Guid.Parse("7a1e0c55-0d7b-4a3e-8f21-5b6c7d8e9f01"), Trigger = SyncTriggers.Schedule,
            Mode = SyncModes.Full, StartedAt = At.AddSeconds(-4), Users = 1200, Added = 3, Updated = 2, Disabled = 1,
            Enabled = 1, Removed = 1, RemovalsHeld = 0, Problems = 1,
        },
        new DirectorySyncFailed
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a0c"), OccurredAt = At, Domain = "example.com",
            SyncRunId = Guid.Parse("7a1e0c55-0d7b-4a3e-8f21-5b6c7d8e9f02"), Trigger = SyncTriggers.Manual,
            Mode = SyncModes.Changes, StartedAt = At.AddSeconds(-5), ErrorCode = "timeout",
            Message = "ldap.example.com:636 did not answer within 5 seconds.",
        },
        new DirectorySettingsChanged
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a0d"), OccurredAt = At, Domain = "example.com",
            Version = 3, Configured = true, Kind = "activeDirectory", Host = "dc1.corp.example.com", Port = 636,
            Security = "ldaps", CaCertificatePem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
            FailoverHost = "dc2.corp.example.com", ConnectTimeoutSeconds = 5, OperationTimeoutSeconds = 30,
            BindDn = "CN=platform-reader,CN=Users,DC=corp,DC=example,DC=com", ProtectedBindPassword = "AQAAAAEbase64url",
            BaseDn = "CN=Users,DC=corp,DC=example,DC=com", LoginAttribute = "userPrincipalName",
            ExtraFilter = "(memberOf=CN=mail-users,CN=Users,DC=corp,DC=example,DC=com)", UserBindTemplate = "{login}@corp.example.com", LoginSuffixes = ["corp.example.local"],
            Attributes = new DirectoryAttributeOverrides
            {
                Id = "objectGUID", Mail = "mail", Aliases = ["proxyAddresses"], DisplayName = ["displayName", "cn"],
                DisabledRule = "accountControlFlag", DisabledAttribute = "userAccountControl", ChangeTracking = "uSNChanged",
                UserFilter = "(&(objectCategory=person)(objectClass=user))",
            },
        },
        new IssueLoginLink { Domain = "example.com", Email = "alice@example.com", Purpose = LoginLinkPurposes.Welcome },
        new LoginLinkIssued { Url = "https://panel.example.net/login/link?token=abc", ExpiresAt = At },
        new IssueLoginLinks
        {
            Links =
            [
                new IssueLoginLink { Domain = "example.com", Email = "alice@example.com", Purpose = LoginLinkPurposes.Welcome },
                new IssueLoginLink { Domain = "example.com", Email = "bob@example.com", Purpose = LoginLinkPurposes.Report },
            ],
        },
        new LoginLinksIssued
        {
            Links =
            [
                new LoginLinkIssued { Url = "https://panel.example.net/login/link?token=abc", ExpiresAt = At },
                new LoginLinkIssued { Url = "", ExpiresAt = At, Refusal = LoginLinkRefusals.UnknownUser },
            ],
        },
        new UserDeactivated
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a20"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Actor = "admin@example.com",
        },
        new UserReactivated
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a21"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Actor = "admin@example.com",
        },
        new UserDeleted
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a22"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Actor = "admin@example.com",
        },
        new DictionaryAttackSuspected
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a23"), OccurredAt = At, Domain = "example.com",
            Scope = "client", ClientAddress = "198.51.100.23", InvalidLookups = 31, WindowSeconds = 60,
        },
        new ReportEnrolled
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a24"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Frequency = ReportFrequencies.Daily, ReportHour = 7, TimeZone = "Europe/Berlin",
            Reason = ReportEnrollmentReasons.FirstSpam,
        },
        new ReportFrequencyChanged
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a25"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Frequency = ReportFrequencies.Weekly, PreviousFrequency = ReportFrequencies.Daily,
            ChangedBy = ReportEnrollmentReasons.User,
        },
        new PeriodicReportReady
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a26"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", ReportId = "example.com/alice@example.com/daily/2026-11-21",
            Frequency = ReportFrequencies.Daily, PeriodStart = new DateTimeOffset(2026, 11, 21, 6, 0, 0, TimeSpan.Zero),
            PeriodEnd = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero), TimeZone = "Europe/Berlin", TotalMessages = 1, Language = "de",
            Entries =
            [
                new QuarantinedMessageSummary
                {
                    QuarantineId = "q-20261122-0001", Sender = "offers@spam.test", Subject = "You won", Score = 12.5,
                    ReceivedAt = At.AddHours(-3),
                },
            ],
        },
        new QuarantinedMessageSummary
        {
            QuarantineId = "q-20261122-0001", Sender = "offers@spam.test", Subject = "You won", Score = 12.5, ReceivedAt = At.AddHours(-3),
        },
        new PeriodicReportSent
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a27"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", ReportId = "example.com/alice@example.com/daily/2026-11-21",
            MessageId = "<report.4f1c2a@example.com>",
        },
        new NotificationFailed
        {
            EventId = Guid.Parse("0b8f6d2e-3c41-4d1a-9a57-2f7f0e5d9a28"), OccurredAt = At, Domain = "example.com",
            Email = "alice@example.com", Kind = NotificationKinds.Welcome, MessageId = "<welcome.4f1c2a@example.com>",
            Reason = "550 5.1.1 No such user", SmtpCode = 550, Attempts = 1,
        },
        new DirectoryAttributeOverrides
        {
            Id = "entryUUID", Mail = "mail", Aliases = ["mailAlternateAddress"], DisplayName = ["displayName"],
            DisabledRule = "none", ChangeTracking = "modifyTimestamp", UserFilter = "(objectClass=inetOrgPerson)",
        },
    }.ToDictionary(sample => sample.GetType());

    /// <summary>Messages about a whole domain rather than one of its users: they carry no Email.</summary>
    public static readonly IReadOnlySet<Type> AboutADomain =
        new HashSet<Type> { typeof(DirectorySyncCompleted), typeof(DirectorySyncFailed), typeof(DirectorySettingsChanged), typeof(DictionaryAttackSuspected) };

    /// <summary>A message has an event id; the other records are parts of messages.</summary>
    public static bool IsMessage(Type type) => type.GetProperty("EventId") is not null;

    /// <summary>Every public record of the contracts assembly (the static value lists are not messages).</summary>
    public static IEnumerable<Type> ContractTypes() =>
        typeof(UserDiscovered).Assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false });
}
