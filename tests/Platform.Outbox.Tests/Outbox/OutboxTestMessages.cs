namespace Platform.Outbox.Tests.Outbox;

/// <summary>An integration message the tests relay; the number says where it stands in its stream.</summary>
public sealed record NumberIssued(string Stream, int Number);

/// <summary>A second message type, so that order across types within one stream is tested too.</summary>
public sealed record NumberVoided(string Stream, int Number);
