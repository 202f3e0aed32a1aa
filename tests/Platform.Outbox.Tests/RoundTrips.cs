using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Platform.Outbox.Tests;

/// <summary>
/// What a data source sent PostgreSQL, as Npgsql logs it: each batch's statements, and each transaction committed
/// by a round trip of its own (<c>NpgsqlTransaction.Commit</c>).
/// </summary>
internal sealed class RoundTrips : ILoggerFactory, ILogger
{
    private readonly ConcurrentQueue<string[]> _batches = new();
    private int _commits;

    public IReadOnlyList<string[]> Batches => [.. _batches];

    public int SeparateCommits => Volatile.Read(ref _commits);

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Debug;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (state is not IReadOnlyList<KeyValuePair<string, object?>> values)
        {
            return;
        }
        // Npgsql logs a batch twice, executing and completed.
        var message = formatter(state, exception);
        if (message.StartsWith("Executing batch", StringComparison.Ordinal) &&
            values.FirstOrDefault(v => v.Key == "BatchCommands").Value is string[] statements)
        {
            _batches.Enqueue(statements);
        }
        else if (message == "Committed transaction")
        {
            Interlocked.Increment(ref _commits);
        }
    }

    public void Dispose()
    {
    }
}
