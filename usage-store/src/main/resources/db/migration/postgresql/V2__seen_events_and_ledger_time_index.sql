-- Platform retry dedupe moves into the store (shared by replicas, survives restarts); reports and pruning
-- read the ledger by time.
CREATE TABLE seen_event (
    platform      TEXT   NOT NULL,
    event_id      TEXT   NOT NULL,
    expires_at_ms BIGINT NOT NULL,
    PRIMARY KEY (platform, event_id)
);
CREATE INDEX seen_event_expiry ON seen_event (expires_at_ms);
CREATE INDEX usage_ledger_at ON usage_ledger (at_ms);
