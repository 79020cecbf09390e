package dev.askgate.core.openai;

import dev.askgate.core.key.KeyGeneration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

/**
 * Tells the operator that OpenAI rejected the key: an ERROR the first time for each key generation, one WARN
 * the second time, then DEBUG, so that a revoked key does not flood the log with one line per question.
 */
final class KeyRejectionReporter {
    private static final Logger log = LoggerFactory.getLogger(KeyRejectionReporter.class);

    private final Map<Long, Integer> rejections = new HashMap<>();

    void rejected(KeyGeneration key, String upstreamRequestId) {
        int count;
        synchronized (rejections) {
            count = rejections.merge(key.number(), 1, Integer::sum);
        }
        if (count == 1) {
            log.error("OpenAI rejected the API key ({}, loaded from {}); replace it: {} (x-request-id {})",
                    "key generation " + key.number(), key.origin(), howToReplace(key), upstreamRequestId);
        } else if (count == 2) {
            log.warn("OpenAI still rejects key generation {}; further rejections of it are logged at DEBUG "
                    + "(x-request-id {})", key.number(), upstreamRequestId);
        } else {
            log.debug("OpenAI rejected key generation {} again ({} times, x-request-id {})", key.number(), count,
                    upstreamRequestId);
        }
    }

    private static String howToReplace(KeyGeneration key) {
        if (key.origin().startsWith("file ")) return "write a valid key to that file; it is reloaded without a restart";
        return key.origin().contains("(keys: ")
                ? "set that variable to a valid key and restart, or give that place a file: in ASKGATE_CONFIG's keys: "
                        + "to rotate keys without one"
                : "set OPENAI_API_KEY to a valid key and restart, or use OPENAI_API_KEY_FILE to rotate keys without one";
    }
}
