using System.Diagnostics;
using System.Diagnostics.Metrics;
using Npgsql;
using Platform.Outbox.Store;
using Platform.Outbox.Relay;
using Platform.Testing;
using Xunit;

namespace Platform.Outbox.Tests.Outbox;

public sealed class Relaying_the_outbox
{
    [Fact]
    public async Task Publishes_every_message_committed_while_RabbitMQ_was_down_once_it_is_back()
    {
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync();
        var bus = await harness.StartBusAsync(throughProxy: true);
        await harness.StartRelayAsync(test, bus);

        harness.Proxy.Cut();
        var written = await OutboxWrites.WriteAsync(test.Store, "account/outage", 0, 50);
        var attempts = await Eventually.Get(() => test.ScalarAsync("SELECT coalesce(max(attempts), 0) FROM {schema}.outbox"), a => a >= 2);
        var deliveredWhileDown = harness.Deliveries.Count;
        harness.Proxy.Restore();
        await harness.WaitForDeliveriesAsync(written.Count);
        var pending = await Eventually.Get(() => test.ScalarAsync("SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL"), n => n == 0);
        await Task.Delay(500);

        Assert.True(attempts >= 2, "The relay never tried while RabbitMQ was down.");
        Assert.Equal(0, deliveredWhileDown);
        Assert.Equal(written.Order(), harness.Deliveries.Select(d => d.MessageId).Order());
        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task Publishes_every_message_committed_while_RabbitMQ_was_stopped_once_it_has_restarted()
    {
        // A node of the test's own: stopping the shared broker would break every test running beside this one.
        await using var rabbitMq = await PrivateRabbitMq.StartAsync();
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync(rabbitMq);
        var bus = await harness.StartBusAsync();
        await harness.StartRelayAsync(test, bus);
        var before = await OutboxWrites.WriteAsync(test.Store, "account/restart", 0, 10);
        await harness.WaitForDeliveriesAsync(before.Count);

        await rabbitMq.DownAsync();
        var during = await OutboxWrites.WriteAsync(test.Store, "account/restart", before.Count, 50);
        var attempts = await Eventually.Get(() => test.ScalarAsync("SELECT coalesce(max(attempts), 0) FROM {schema}.outbox"), a => a >= 2);
        var deliveredWhileDown = harness.Deliveries.Count - before.Count;
        await rabbitMq.UpAsync();
        await harness.WaitForDeliveriesAsync(before.Count + during.Count, TimeSpan.FromMinutes(2));
        var pending = await Eventually.Get(() => test.ScalarAsync("SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL"), n => n == 0);
        await Task.Delay(500);

        Assert.True(attempts >= 2, "The relay never tried while RabbitMQ was stopped.");
        Assert.Equal(0, deliveredWhileDown);
        Assert.Equal(before.Concat(during).Order(), harness.Deliveries.Select(d => d.MessageId).Order());
        Assert.Equal(0, pending);
    }

    [Fact]
    public async Task Publishes_again_after_a_relay_stopped_between_publishing_and_marking_and_the_inbox_applies_it_once()
    {
        await using var test = await TestStore.CreateAsync();
        var duplicates = 0;
        await using var harness = await RelayHarness.StartAsync(async (context, stream, amount) =>
        {
            await using var session = test.Store.LightweightSession();
            session.MarkProcessed("deposits", context.MessageId!.Value);
            session.Events.Append(stream, new Deposited(amount));
            try
            {
                await session.SaveChangesAsync();
            }
            catch (Exception e) when (StoreErrors.IsDuplicateMessage(e))
            {
                Interlocked.Increment(ref duplicates);
            }
        });
        var bus = await harness.StartBusAsync();
        await OutboxWrites.WriteAsync(test.Store, "account/crash", 25, 1);

        // Marking as published waits behind this lock, so the first relay is stopped after the broker has the message.
        await using (var blocker = await test.DataSource.OpenConnectionAsync())
        await using (var blocking = await blocker.BeginTransactionAsync())
        {
            await using (var lockOutbox = new NpgsqlCommand($"LOCK TABLE {test.Schema}.outbox IN SHARE MODE", blocker))
            {
                await lockOutbox.ExecuteNonQueryAsync();
            }

            var first = await harness.StartRelayAsync(test, bus);
            await harness.WaitForDeliveriesAsync(1);
            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await first.StopAsync(stopping.Token);
        }

        Assert.Equal(1, await test.ScalarAsync("SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL"));
        await harness.StartRelayAsync(test, bus);
        var deliveries = await harness.WaitForDeliveriesAsync(2);
        await Eventually.Get(() => test.ScalarAsync("SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL"), n => n == 0);

        Assert.Single(deliveries.Select(d => d.MessageId).Distinct());
        Assert.Equal(1, duplicates);
        Assert.Equal(25, (await test.AccountAsync("account/crash")).Balance);
        Assert.Equal(0, await test.ScalarAsync("SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL"));
    }

    [Fact]
    public async Task Wakes_on_the_writers_notify_long_before_the_poll_interval()
    {
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync();
        var bus = await harness.StartBusAsync();
        await harness.StartRelayAsync(test, bus, o => o.PollInterval = TimeSpan.FromSeconds(30));
        await OutboxWrites.WriteAsync(test.Store, "account/wake", 1, 1);
        await harness.WaitForDeliveriesAsync(1);

        var clock = Stopwatch.StartNew();
        await OutboxWrites.WriteAsync(test.Store, "account/wake", 2, 1);
        await harness.WaitForDeliveriesAsync(2, TimeSpan.FromSeconds(20));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The message took {clock.Elapsed} to arrive.");
    }

    [Fact]
    public async Task Reports_the_depth_and_age_of_pending_messages_and_zero_once_drained()
    {
        await using var test = await TestStore.CreateAsync();
        using var gauges = new OutboxGauges(test.Schema);
        await using var harness = await RelayHarness.StartAsync();
        var bus = await harness.StartBusAsync(throughProxy: true);
        await harness.StartRelayAsync(test, bus);
        var before = await Eventually.Get(() => Task.FromResult(gauges.Read()), g => g.Depth == 0);

        harness.Proxy.Cut();
        await OutboxWrites.WriteAsync(test.Store, "account/gauges", 0, 5);
        var pending = await Eventually.Get(() => Task.FromResult(gauges.Read()), g => g is { Depth: 5, OldestAge: > 1 });
        harness.Proxy.Restore();
        await harness.WaitForDeliveriesAsync(5);
        var drained = await Eventually.Get(() => Task.FromResult(gauges.Read()), g => g is { Depth: 0, OldestAge: 0 });

        Assert.Equal((0L, 0d), before);
        Assert.Equal(5, pending.Depth);
        Assert.InRange(pending.OldestAge, 1, 60);
        Assert.Equal((0L, 0d), drained);
    }

    [Fact]
    public async Task Moves_messages_it_cannot_read_aside_and_publishes_the_rest()
    {
        await using var test = await TestStore.CreateAsync();
        using var deadLettered = new DeadLetterCount(test.Schema);
        await using var harness = await RelayHarness.StartAsync();
        var bus = await harness.StartBusAsync();
        var before = await OutboxWrites.WriteAsync(test.Store, "account/unreadable", 0, 3);
        var unknownType = Guid.NewGuid();
        var badBody = Guid.NewGuid();
        await using (var insert = test.DataSource.CreateCommand($$"""
            INSERT INTO {{test.Schema}}.outbox (message_id, message_type, body, stream_id) VALUES
                ($1, 'Somewhere.Unknown', '{}', 'account/unreadable'),
                ($2, '{{typeof(NumberIssued).FullName}}', '{"stream": "account/unreadable", "number": "three"}', 'account/unreadable')
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = unknownType });
            insert.Parameters.Add(new NpgsqlParameter { Value = badBody });
            await insert.ExecuteNonQueryAsync();
        }

        var after = await OutboxWrites.WriteAsync(test.Store, "account/unreadable", 4, 2);
        var relay = harness.Relay(test, bus);

        var published = await relay.PublishPendingAsync();
        await harness.WaitForDeliveriesAsync(5);
        await Task.Delay(300);

        Assert.Equal(5, published);
        Assert.Equal(before.Concat(after), harness.Deliveries.Select(d => d.MessageId));
        Assert.Equal(0, await test.ScalarAsync("SELECT count(*) FROM {schema}.outbox WHERE published_at IS NULL"));
        Assert.Equal(1, await test.ScalarAsync(
            $"SELECT count(*) FROM {{schema}}.outbox_dead_letters WHERE message_id = '{unknownType}' AND error LIKE '%not registered%'"));
        Assert.Equal(1, await test.ScalarAsync(
            $"SELECT count(*) FROM {{schema}}.outbox_dead_letters WHERE message_id = '{badBody}' AND error LIKE 'JsonException%'"));
        Assert.Equal(2, deadLettered.Count);
    }

    [Fact]
    public async Task Publishes_a_dead_letter_moved_back_into_the_outbox()
    {
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync();
        var bus = await harness.StartBusAsync();
        var messageId = Guid.NewGuid();
        await using (var insert = test.DataSource.CreateCommand($$"""
            INSERT INTO {{test.Schema}}.outbox (message_id, message_type, body, stream_id)
            VALUES ($1, 'Renamed.NumberIssued', '{"stream": "account/redrive", "number": 1}', 'account/redrive')
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = messageId });
            await insert.ExecuteNonQueryAsync();
        }

        var relay = harness.Relay(test, bus);
        await relay.PublishPendingAsync();
        // The re-drive of docs/operations.md, after mending the type name.
        await using (var redrive = test.DataSource.CreateCommand($$"""
            WITH moved AS (DELETE FROM {{test.Schema}}.outbox_dead_letters WHERE message_id = $1 RETURNING *)
            INSERT INTO {{test.Schema}}.outbox (message_id, message_type, body, stream_id, correlation_id, traceparent, tracestate)
            SELECT message_id, '{{typeof(NumberIssued).FullName}}', body, stream_id, correlation_id, traceparent, tracestate FROM moved
            """))
        {
            redrive.Parameters.Add(new NpgsqlParameter { Value = messageId });
            await redrive.ExecuteNonQueryAsync();
        }

        var published = await relay.PublishPendingAsync();
        var deliveries = await harness.WaitForDeliveriesAsync(1);

        Assert.Equal(1, published);
        Assert.Equal([messageId], deliveries.Select(d => d.MessageId));
        Assert.Equal(0, await test.ScalarAsync("SELECT count(*) FROM {schema}.outbox_dead_letters"));
    }

    [Fact]
    public async Task Deletes_published_messages_older_than_the_retention_and_keeps_the_rest()
    {
        await using var test = await TestStore.CreateAsync();
        await using var harness = await RelayHarness.StartAsync();
        var bus = await harness.StartBusAsync();
        var old = await OutboxWrites.WriteAsync(test.Store, "account/retention", 0, 3);
        var first = harness.Relay(test, bus);
        Assert.Equal(3, await first.PublishPendingAsync());
        await first.DisposeAsync();
        await using (var age = test.DataSource.CreateCommand(
            $"UPDATE {test.Schema}.outbox SET created_at = now() - interval '9 days', published_at = now() - interval '8 days' WHERE message_id = ANY($1)"))
        {
            age.Parameters.Add(new NpgsqlParameter { Value = old.Take(2).ToArray() });
            await age.ExecuteNonQueryAsync();
        }

        var recent = await OutboxWrites.WriteAsync(test.Store, "account/retention", 3, 1);
        await harness.Relay(test, bus, o => o.PublishedRetention = TimeSpan.FromDays(7)).PublishPendingAsync();

        await using var remaining = test.DataSource.CreateCommand($"SELECT message_id FROM {test.Schema}.outbox ORDER BY seq");
        var ids = new List<Guid>();
        await using (var reader = await remaining.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                ids.Add(reader.GetGuid(0));
            }
        }

        Assert.Equal([old[2], recent[0]], ids);
    }

    /// <summary>The relay's <c>platform.outbox.dead_lettered</c> count for one schema.</summary>
    private sealed class DeadLetterCount : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;

        public DeadLetterCount(string schema)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Platform.Outbox" && instrument.Name == "platform.outbox.dead_lettered")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag is { Key: "platform.eventstore.schema" } && Equals(tag.Value, schema))
                    {
                        Interlocked.Add(ref _count, value);
                    }
                }
            });
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public void Dispose() => _listener.Dispose();
    }

    /// <summary>The relay's outbox gauges for one schema, read on demand.</summary>
    private sealed class OutboxGauges : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly string _schema;
        private long _depth = -1;
        private double _oldestAge = -1;

        public OutboxGauges(string schema)
        {
            _schema = schema;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Platform.Outbox" && instrument.Name.StartsWith("platform.outbox.", StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "platform.outbox.depth" && IsOurs(tags))
                {
                    _depth = value;
                }
            });
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) =>
            {
                if (instrument.Name == "platform.outbox.oldest_age" && IsOurs(tags))
                {
                    _oldestAge = value;
                }
            });
            _listener.Start();
        }

        public (long Depth, double OldestAge) Read()
        {
            lock (_listener)
            {
                (_depth, _oldestAge) = (-1, -1);
                _listener.RecordObservableInstruments();
                return (_depth, _oldestAge);
            }
        }

        public void Dispose() => _listener.Dispose();

        private bool IsOurs(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "platform.eventstore.schema" && Equals(tag.Value, _schema))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
