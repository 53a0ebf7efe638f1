-- Idempotency-Key of admin creates: the first response is kept and replayed for the same key and
-- body. status_code NULL means a request holding the key is still running.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope           TEXT    NOT NULL,
    idempotency_key TEXT    NOT NULL,
    request_hash    TEXT    NOT NULL,
    status_code     INTEGER NULL,
    content_type    TEXT    NULL,
    location        TEXT    NULL,
    body            BLOB    NULL,
    created_at      TEXT    NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);
