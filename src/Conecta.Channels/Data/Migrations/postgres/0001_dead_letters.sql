-- Signed webhooks the service could not understand, kept whole for inspection and replay.
CREATE TABLE IF NOT EXISTS dead_letters (
    id          TEXT        PRIMARY KEY,
    channel     TEXT        NOT NULL,
    reason      TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    raw_body    BYTEA       NOT NULL
);
CREATE INDEX IF NOT EXISTS dead_letters_received_at ON dead_letters (received_at);
