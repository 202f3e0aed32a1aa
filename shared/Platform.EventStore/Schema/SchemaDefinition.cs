namespace Platform.EventStore.Schema;

/// <summary>
/// The store's tables in one schema per service. Each migration is applied once, in order, under an advisory lock,
/// so replicas starting together neither race nor fail.
/// </summary>
internal static class SchemaDefinition
{
    public static IReadOnlyList<string> Migrations(string schema) =>
    [
        $$"""
        -- seq is the global position. tx is the writing transaction's id: readers that must not miss an event
        -- committed late with a lower seq read in (tx, seq) order and only below the oldest running transaction.
        -- UNIQUE (stream_id, version) is the optimistic concurrency check: two writers cannot both append version n.
        CREATE TABLE {{schema}}.events (
            seq             bigserial PRIMARY KEY,
            id              uuid NOT NULL UNIQUE,
            stream_id       text NOT NULL,
            version         bigint NOT NULL,
            type            text NOT NULL,
            schema_version  int NOT NULL,
            data            jsonb NOT NULL,
            metadata        jsonb NOT NULL,
            tx              bigint NOT NULL DEFAULT (pg_current_xact_id()::text::bigint),
            recorded_at     timestamptz NOT NULL DEFAULT now(),
            UNIQUE (stream_id, version)
        );
        CREATE INDEX events_tx_seq ON {{schema}}.events (tx, seq);

        CREATE TABLE {{schema}}.outbox (
            seq             bigserial PRIMARY KEY,
            message_id      uuid NOT NULL UNIQUE,
            message_type    text NOT NULL,
            body            jsonb NOT NULL,
            stream_id       text,
            correlation_id  uuid,
            traceparent     text,
            tracestate      text,
            created_at      timestamptz NOT NULL DEFAULT now(),
            published_at    timestamptz,
            attempts        int NOT NULL DEFAULT 0,
            last_error      text
        );
        CREATE INDEX outbox_pending ON {{schema}}.outbox (seq) WHERE published_at IS NULL;

        CREATE TABLE {{schema}}.inbox (
            consumer      text NOT NULL,
            message_id    uuid NOT NULL,
            processed_at  timestamptz NOT NULL DEFAULT now(),
            PRIMARY KEY (consumer, message_id)
        );

        CREATE TABLE {{schema}}.projection_checkpoints (
            name        text PRIMARY KEY,
            tx          bigint NOT NULL DEFAULT 0,
            seq         bigint NOT NULL DEFAULT 0,
            updated_at  timestamptz NOT NULL DEFAULT now()
        );
        """,
        // Stream ids are identifiers: compared byte by byte ("C") they need no locale-aware comparison on every index
        // probe — an import checks hundreds of thousands of them — and a prefix LIKE can use the index.
        $$"""
        ALTER TABLE {{schema}}.events ALTER COLUMN stream_id TYPE text COLLATE "C";
        ALTER TABLE {{schema}}.outbox ALTER COLUMN stream_id TYPE text COLLATE "C";
        """,
        // An outbox row the relay cannot read (a type it does not know, a body that does not fit the type) is moved
        // here instead of holding back every message after it; docs/operations.md says how to re-drive it.
        $$"""
        CREATE TABLE {{schema}}.outbox_dead_letters (
            seq               bigint PRIMARY KEY,
            message_id        uuid NOT NULL,
            message_type      text NOT NULL,
            body              jsonb NOT NULL,
            stream_id         text COLLATE "C",
            correlation_id    uuid,
            traceparent       text,
            tracestate        text,
            created_at        timestamptz NOT NULL,
            dead_lettered_at  timestamptz NOT NULL DEFAULT now(),
            error             text NOT NULL
        );
        """,
    ];
}
