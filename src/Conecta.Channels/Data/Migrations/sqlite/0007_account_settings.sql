-- Two per-account settings (issue 20): MARKETING templates through Meta's Marketing Messages API instead of /messages (off by
-- default), and the joined/left participant notices (on by default: what every account did before the setting existed).
ALTER TABLE channel_accounts ADD COLUMN marketing_messages_api INTEGER NOT NULL DEFAULT 0;
ALTER TABLE channel_accounts ADD COLUMN participant_notices INTEGER NOT NULL DEFAULT 1;
