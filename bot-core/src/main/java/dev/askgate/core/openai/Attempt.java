package dev.askgate.core.openai;

import dev.askgate.core.model.ModelError;
import dev.askgate.core.model.ModelResult;
import okhttp3.Headers;

/**
 * How one HTTP attempt of a model call ended, with what the retry decision needs: the response headers (empty
 * without a response), the status (0 without one) and whether text already reached the caller.
 */
record Attempt(ModelResult result, Headers headers, int status, boolean deltasPassed) {

    static Attempt failed(ModelError error) {
        return new Attempt(new ModelResult.Failed(error), Headers.of(), 0, false);
    }

    boolean completed() {
        return result instanceof ModelResult.Completed;
    }
}
