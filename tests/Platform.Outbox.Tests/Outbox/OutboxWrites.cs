using Marten;
using Platform.Outbox.Store;

namespace Platform.Outbox.Tests.Outbox;

internal static class OutboxWrites
{
    /// <summary>
    /// Commits messages numbered <paramref name="from"/> onwards on <paramref name="stream"/>, <paramref name="perCommit"/>
    /// per transaction; returns their message ids in order.
    /// </summary>
    public static async Task<List<Guid>> WriteAsync(
        IDocumentStore store, string stream, int from, int count, int perCommit = 10, Func<string, int, object>? message = null)
    {
        var ids = new List<Guid>(count);
        for (var start = from; start < from + count; start += perCommit)
        {
            await using var session = store.LightweightSession();
            for (var number = start; number < Math.Min(start + perCommit, from + count); number++)
            {
                var id = Guid.NewGuid();
                session.Publish(message?.Invoke(stream, number) ?? new NumberIssued(stream, number), id, stream);
                ids.Add(id);
            }

            await session.SaveChangesAsync();
        }

        return ids;
    }
}
