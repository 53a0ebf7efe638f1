-- A mirror of Meta's message templates, per WhatsApp Business Account (templates belong to the
-- WABA, not to one number). status_at is Meta's time of the last status webhook applied, so a late
-- retry of an older webhook cannot undo a newer one (a sync, Meta's current state, resets it);
-- synced_at lets a sync remove what Meta no longer lists.
CREATE TABLE IF NOT EXISTS message_templates (
    id                   TEXT        PRIMARY KEY,
    business_account_id  TEXT        NOT NULL,
    provider_template_id TEXT        NOT NULL,
    name                 TEXT        NOT NULL,
    language             TEXT        NOT NULL,
    category             TEXT        NOT NULL,
    parameter_format     TEXT        NOT NULL,
    status               TEXT        NOT NULL,
    status_reason        TEXT        NULL,
    quality_score        TEXT        NULL,
    components           TEXT        NOT NULL,
    status_at            TIMESTAMPTZ NULL,
    synced_at            TIMESTAMPTZ NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    updated_at           TIMESTAMPTZ NOT NULL,
    CONSTRAINT message_templates_translation UNIQUE (business_account_id, name, language)
);
CREATE INDEX IF NOT EXISTS message_templates_provider_id ON message_templates (business_account_id, provider_template_id);
