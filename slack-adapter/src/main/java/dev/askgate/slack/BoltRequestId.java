package dev.askgate.slack;

import com.slack.api.bolt.context.Context;
import com.slack.api.bolt.request.Request;
import dev.askgate.core.RequestId;

/**
 * Carries the HTTP exchange's request id through Bolt to the handler, in the request context's additional values
 * (Bolt gives a handler its payload and context, not the HTTP request). A delivery that came without one (Socket
 * Mode) gets a new id.
 */
final class BoltRequestId {
    private static final String KEY = "askgate.requestId";

    private BoltRequestId() {
    }

    static void attach(Request<?> request, RequestId id) {
        request.getContext().getAdditionalValues().put(KEY, id.value());
    }

    static RequestId of(Context ctx) {
        return RequestId.parse(ctx.getAdditionalValues().get(KEY)).orElseGet(RequestId::generate);
    }
}
