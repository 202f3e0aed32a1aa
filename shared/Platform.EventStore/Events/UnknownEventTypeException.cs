namespace Platform.EventStore.Events;

public sealed class UnknownEventTypeException(string message) : Exception(message);
