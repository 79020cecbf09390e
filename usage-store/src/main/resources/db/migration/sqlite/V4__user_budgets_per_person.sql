-- A person's user limits are one budget wherever they ask: a user's counters lose their workspace, so
-- slack:T1:U1 (a channel) and slack::U1 (a direct message) both become slack:U1, the platform's own user id.
-- Counters that now share a subject are added up; holds of reservations in progress follow their counters, so
-- settling one after the upgrade lands on the merged row. (Platform and workspace ids hold no colon; what follows
-- the second colon is the user id, whole.)
CREATE TEMP TABLE person_counter AS
SELECT scope,
       substr(subject, 1, instr(subject, ':'))
           || substr(substr(subject, instr(subject, ':') + 1), instr(substr(subject, instr(subject, ':') + 1), ':') + 1)
           AS subject,
       metric, period_start_ms, SUM(used) AS used, SUM(held) AS held
FROM budget_counter
WHERE scope = 'user' AND subject LIKE '%:%:%'
GROUP BY 1, 2, 3, 4;

DELETE FROM budget_counter WHERE scope = 'user' AND subject LIKE '%:%:%';

INSERT INTO budget_counter (scope, subject, metric, period_start_ms, used, held)
SELECT scope, subject, metric, period_start_ms, used, held FROM person_counter;

DROP TABLE person_counter;

UPDATE reservation_hold
SET subject = substr(subject, 1, instr(subject, ':'))
    || substr(substr(subject, instr(subject, ':') + 1), instr(substr(subject, instr(subject, ':') + 1), ':') + 1)
WHERE scope = 'user' AND subject LIKE '%:%:%';
