-- Feedback on answers: each person's latest 👍 / 👎 per answer (no text), and Askgate's own request id on ledger
-- rows, which the votes join to find an answer's model (request_id above is OpenAI's x-request-id).
ALTER TABLE usage_ledger ADD COLUMN askgate_request_id TEXT NOT NULL DEFAULT '';
CREATE INDEX usage_ledger_askgate_request ON usage_ledger (askgate_request_id);

CREATE TABLE answer_feedback (
    request_id TEXT   NOT NULL,
    user_id    TEXT   NOT NULL,
    at_ms      BIGINT NOT NULL,
    platform   TEXT   NOT NULL,
    workspace  TEXT   NOT NULL,
    channel    TEXT   NOT NULL,
    message_id TEXT   NOT NULL,
    vote       TEXT   NOT NULL,
    PRIMARY KEY (request_id, user_id)
);
CREATE INDEX answer_feedback_at ON answer_feedback (at_ms);
