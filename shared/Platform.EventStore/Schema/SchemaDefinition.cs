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
        CREATE TABLE {{schema}}.streams (
            id          text PRIMARY KEY,
            version     bigint NOT NULL,
            created_at  timestamptz NOT NULL DEFAULT now(),
            updated_at  timestamptz NOT NULL DEFAULT now()
        );

        -- seq is the global position. tx is the writing transaction's id: readers that must not miss an event
        -- committed late with a lower seq read in (tx, seq) order and only below the oldest running transaction.
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

        -- Reserves p_count versions on a stream and returns the version before them.
        -- p_expected: -1 = any, 0 = the stream must be new, n = the stream must be at version n.
        -- A conflict raises ES409 with HINT '<actual version> <stream id>' (Npgsql redacts DETAIL by default).
        CREATE FUNCTION {{schema}}.reserve_versions(p_stream text, p_expected bigint, p_count int) RETURNS bigint
        LANGUAGE plpgsql AS $fn$
        DECLARE current_version bigint;
        BEGIN
            IF p_expected = 0 THEN
                INSERT INTO {{schema}}.streams (id, version) VALUES (p_stream, p_count) ON CONFLICT (id) DO NOTHING;
                IF NOT FOUND THEN
                    SELECT version INTO current_version FROM {{schema}}.streams WHERE id = p_stream;
                    RAISE EXCEPTION 'stream % already exists', p_stream
                        USING ERRCODE = 'ES409', HINT = current_version::text || ' ' || p_stream;
                END IF;
                RETURN 0;
            ELSIF p_expected > 0 THEN
                UPDATE {{schema}}.streams SET version = version + p_count, updated_at = now()
                    WHERE id = p_stream AND version = p_expected;
                IF NOT FOUND THEN
                    SELECT version INTO current_version FROM {{schema}}.streams WHERE id = p_stream;
                    RAISE EXCEPTION 'stream % is not at version %', p_stream, p_expected
                        USING ERRCODE = 'ES409', HINT = coalesce(current_version, 0)::text || ' ' || p_stream;
                END IF;
                RETURN p_expected;
            ELSE
                INSERT INTO {{schema}}.streams AS s (id, version) VALUES (p_stream, p_count)
                    ON CONFLICT (id) DO UPDATE SET version = s.version + p_count, updated_at = now()
                    RETURNING version - p_count INTO current_version;
                RETURN current_version;
            END IF;
        END $fn$;
        """,
    ];
}
