-- The business numbers (and bots) the service speaks for. The access token is AES-GCM ciphertext,
-- never the token itself. version backs optimistic concurrency (ETag / If-Match).
CREATE TABLE IF NOT EXISTS channel_accounts (
    id                    TEXT    NOT NULL PRIMARY KEY,
    channel               TEXT    NOT NULL,
    provider_account_id   TEXT    NOT NULL,
    business_account_id   TEXT    NULL,
    display_number        TEXT    NULL,
    access_token          BLOB    NOT NULL,
    graph_api_version     TEXT    NULL,
    default_team          TEXT    NULL,
    rate_limit_per_second INTEGER NOT NULL,
    join_notice           TEXT    NOT NULL,
    leave_notice          TEXT    NOT NULL,
    status                TEXT    NOT NULL,
    provider_status       TEXT    NULL,
    quality_rating        TEXT    NULL,
    messaging_limit_tier  TEXT    NULL,
    version               INTEGER NOT NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    CONSTRAINT channel_accounts_provider UNIQUE (channel, provider_account_id)
);
CREATE INDEX IF NOT EXISTS channel_accounts_business_account ON channel_accounts (business_account_id);
