package dev.askgate.slack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the text of an answer Slack would not take after every retry, for the operator: one WARN line with the
 * request, channel, Slack's error and the text's length (never the text: message bodies stay out of INFO and
 * WARN), and the text itself at DEBUG on this class's logger, so that an operator who needs it turns on
 * {@code dev.askgate.slack.UndeliveredAnswers} and finds it by the request id. The asker gets it privately too.
 */
final class UndeliveredAnswers {
    private static final Logger log = LoggerFactory.getLogger(UndeliveredAnswers.class);

    void keep(String requestId, String channel, SlackCallFailed failure, String text) {
        log.warn("platform=slack request={} channel={} answer of {} chars not posted after retries ({}); its text is"
                        + " logged at DEBUG by {}", requestId, channel, text.length(), failure.getMessage(),
                UndeliveredAnswers.class.getName());
        log.debug("platform=slack request={} channel={} undelivered answer text:\n{}", requestId, channel, text);
    }
}
