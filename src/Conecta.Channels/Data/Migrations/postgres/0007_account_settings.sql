-- Two per-account settings (issue 20): MARKETING templates through Meta's Marketing Messages API instead of /messages (off by
-- default), and the joined/left participant notices (on by default: what every account did before the setting existed).
ALTER TABLE channel_accounts ADD COLUMN IF NOT EXISTS marketing_messages_api BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE channel_accounts ADD COLUMN IF NOT EXISTS participant_notices BOOLEAN NOT NULL DEFAULT TRUE;
