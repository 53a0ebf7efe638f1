-- The number's standing as the channel reads Meta's account webhooks (disabled, restricted, flagged, active): sends stop on it.
ALTER TABLE channel_accounts ADD COLUMN standing TEXT NULL;
