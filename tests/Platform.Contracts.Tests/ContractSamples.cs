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
    }.ToDictionary(sample => sample.GetType());

    /// <summary>Every public record of the contracts assembly (the static value lists are not messages).</summary>
    public static IEnumerable<Type> ContractTypes() =>
        typeof(UserDiscovered).Assembly.GetExportedTypes().Where(t => t is { IsClass: true, IsAbstract: false });
}
