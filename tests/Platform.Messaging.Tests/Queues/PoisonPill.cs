namespace Platform.Messaging.Tests.Queues;

/// <summary>A message its test consumer never gets through.</summary>
public sealed record PoisonPill(Guid Id);
