-- The ledger (one row per model call, no question or answer text) and the budget counters with their holds.
-- Times are epoch milliseconds and money is nano-dollars, the same on SQLite and PostgreSQL.
CREATE TABLE usage_ledger (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at_ms              BIGINT  NOT NULL,
    platform           TEXT    NOT NULL,
    workspace          TEXT    NOT NULL,
    channel            TEXT    NOT NULL,
    user_id            TEXT    NOT NULL,
    model              TEXT    NOT NULL,
    prompt_tokens      BIGINT  NOT NULL,
    cached_tokens      BIGINT  NOT NULL,
    cache_write_tokens BIGINT  NOT NULL,
    completion_tokens  BIGINT  NOT NULL,
    reasoning_tokens   BIGINT  NOT NULL,
    estimated          BOOLEAN NOT NULL,
    cost_nano_usd      BIGINT  NOT NULL,
    outcome            TEXT    NOT NULL,
    latency_ms         BIGINT  NOT NULL,
    request_id         TEXT    NOT NULL,
    key_name           TEXT    NOT NULL,
    key_redacted       TEXT    NOT NULL
);

-- used: settled spend of the period; held: what open reservations hold. A period counter is one row.
CREATE TABLE budget_counter (
    scope           TEXT   NOT NULL,
    subject         TEXT   NOT NULL,
    metric          TEXT   NOT NULL,
    period_start_ms BIGINT NOT NULL,
    used            BIGINT NOT NULL DEFAULT 0,
    held            BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, subject, metric, period_start_ms)
);

-- holding is true while the holds count in budget_counter.held; false once an expired one was reclaimed.
CREATE TABLE reservation (
    id            TEXT    PRIMARY KEY,
    expires_at_ms BIGINT  NOT NULL,
    holding       BOOLEAN NOT NULL
);
CREATE INDEX reservation_expiry ON reservation (holding, expires_at_ms);

CREATE TABLE reservation_hold (
    reservation_id  TEXT   NOT NULL,
    scope           TEXT   NOT NULL,
    subject         TEXT   NOT NULL,
    metric          TEXT   NOT NULL,
    period_start_ms BIGINT NOT NULL,
    amount          BIGINT NOT NULL,
    PRIMARY KEY (reservation_id, scope, subject, metric)
);
