package dev.askgate.testkit.slack;

/**
 * One way a Web API call can go wrong, for {@link FakeSlack#faultNext}: each fault spends one call of its
 * method. "Processed" faults apply the call (a message is stored or changed) before the client sees trouble,
 * as when Slack did the work and the answer was lost on the way back.
 */
public enum SlackFault {
    /** HTTP 500, not processed. */
    HTTP_500,
    /** HTTP 503, not processed. */
    HTTP_503,
    /** HTTP 429 with {@code Retry-After: 1}, not processed. */
    HTTP_429,
    /** HTTP 200 with {@code {"ok":false,"error":"ratelimited"}} and no {@code Retry-After}, not processed. */
    RATELIMITED_OK_FALSE,
    /** The connection is closed after the request was read and before anything was processed or answered. */
    RESET_BEFORE_RESPONSE,
    /** The call is processed, then the connection is closed before the response is written. */
    RESET_AFTER_PROCESSING,
    /** The call is processed and its response held back for {@link FakeSlack#slowResponseDelay}. */
    SLOW_RESPONSE
}
