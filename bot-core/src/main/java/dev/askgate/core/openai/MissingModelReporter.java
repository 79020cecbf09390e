package dev.askgate.core.openai;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the operator once per model that the endpoint does not serve it (404 {@code model_not_found}): after a
 * model's shutdown every question fails this way, and one line per question would bury the one that says what to
 * change. Later failures are logged at DEBUG.
 */
final class MissingModelReporter {
    private static final Logger log = LoggerFactory.getLogger(MissingModelReporter.class);

    private final Set<String> reported = ConcurrentHashMap.newKeySet();

    void missing(String model, String upstreamRequestId) {
        if (reported.add(model)) {
            log.error("model {} is not available on this endpoint (retired or misspelled): set OPENAI_MODEL to a "
                    + "current model; `askgate check` lists whether it is served (x-request-id {})", model,
                    upstreamRequestId);
        } else {
            log.debug("model {} is still not available (x-request-id {})", model, upstreamRequestId);
        }
    }
}
