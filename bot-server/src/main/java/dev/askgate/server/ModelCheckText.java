package dev.askgate.server;

import dev.askgate.core.model.ModelCheck;
import dev.askgate.core.model.ModelError;
import dev.askgate.core.openai.BaseUrl;

import java.net.URI;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The operator's words for the model endpoint's check: the line when it passes and, for each error category,
 * what is wrong and what to change. Never contains the key.
 */
final class ModelCheckText {

    /** How a check's result counts: passed, passed with a warning to act on, or failed. */
    enum Severity { OK, WARN, FAIL }

    /** A check's result in the operator's words. */
    record Verdict(Severity severity, String text) { }

    private final String endpoint;
    private final String model;

    ModelCheckText(URI endpoint, String model) {
        // Credentials in the URL (a proxy's user:password, an ?api-key=) are not for printing.
        this.endpoint = BaseUrl.redacted(endpoint);
        this.model = Objects.requireNonNull(model, "model");
    }

    String ok() {
        // GET /models proves the endpoint and the key, and that the model is listed (when the endpoint lists any).
        return "OpenAI endpoint " + endpoint + " reachable, key accepted; model " + model + " available";
    }

    /** The words for {@code check}, judged on {@code today} (UTC): a shutdown date ahead warns, one passed fails. */
    Verdict verdict(ModelCheck check, LocalDate today) {
        return switch (check) {
            case ModelCheck.Available ignored -> new Verdict(Severity.OK, ok());
            case ModelCheck.Retiring retiring when retiring.isPast(today) -> new Verdict(Severity.FAIL,
                    "model " + model + " was shut down on " + retiring.shutdownDate()
                            + " (the endpoint's shutdown_date): set OPENAI_MODEL to a current model");
            case ModelCheck.Retiring retiring -> new Verdict(Severity.WARN, "model " + model + " shuts down on "
                    + retiring.shutdownDate() + " (" + days(retiring.daysLeft(today))
                    + " left, the endpoint's shutdown_date): set OPENAI_MODEL to a current model before then");
            case ModelCheck.Unavailable unavailable -> new Verdict(Severity.FAIL, problem(unavailable.error()));
        };
    }

    /**
     * As {@link #verdict}, for the key {@code keys:} of ASKGATE_CONFIG gives {@code place}: the line names the place,
     * and a rejected key is fixed where that entry points, not in OPENAI_API_KEY.
     */
    Verdict verdictForPlace(String place, ModelCheck check, LocalDate today) {
        if (check instanceof ModelCheck.Unavailable(ModelError.InvalidKey rejected)) {
            String text = "key of " + place + ": OpenAI rejected the key (401): put a valid key in the variable or "
                    + "file that keys." + place + " of ASKGATE_CONFIG names";
            return new Verdict(Severity.FAIL, rejected.upstreamRequestId().isEmpty() ? text
                    : text + " [x-request-id " + rejected.upstreamRequestId() + "]");
        }
        Verdict verdict = verdict(check, today);
        return new Verdict(verdict.severity(), "key of " + place + ": " + verdict.text());
    }

    private static String days(long days) {
        return days == 1 ? "1 day" : days + " days";
    }

    String problem(ModelError error) {
        String text = switch (error) {
            case ModelError.InvalidKey e ->
                    "OpenAI rejected the key (401): put a valid key in OPENAI_API_KEY or OPENAI_API_KEY_FILE";
            case ModelError.PermissionDenied e -> "OpenAI refused access (403)" + detail(e.message())
                    + ": check the key's project permissions and that the region is supported";
            case ModelError.ModelNotFound e -> "model " + (e.model().isEmpty() ? model : e.model())
                    + " is not available on this endpoint (retired or misspelled): set OPENAI_MODEL to a current "
                    + "model the key can use";
            case ModelError.ContextTooLong e -> "the endpoint answered context_length_exceeded (400)";
            case ModelError.RateLimited e ->
                    "OpenAI is rate limiting this key (429): wait, or raise the project's rate limits";
            case ModelError.QuotaExceeded e -> "the key's project is out of quota (429 insufficient_quota): "
                    + "add credit or raise the budget in the OpenAI dashboard";
            case ModelError.Upstream e -> "the endpoint " + endpoint + " answered HTTP " + e.status()
                    + " (trouble on its side): try again later, or check OPENAI_BASE_URL";
            case ModelError.NotSent e -> "the check could not be sent" + detail(e.reason())
                    + ": check OPENAI_API_KEY (or its file) and OPENAI_ORG_ID / OPENAI_PROJECT_ID for stray characters";
            case ModelError.Rejected e -> "the endpoint " + endpoint + " refused the check (HTTP " + e.status()
                    + detail(e.code()) + detail(e.message()) + "): check OPENAI_BASE_URL";
            case ModelError.Timeout e -> "no answer from " + endpoint + " within " + e.after().toSeconds()
                    + " s: check OPENAI_BASE_URL and the network, or raise OPENAI_TIMEOUT_SECONDS";
            case ModelError.Network e -> "cannot reach " + endpoint + detail(e.detail())
                    + ": check OPENAI_BASE_URL, DNS, proxies and the network";
            case ModelError.StreamBroken e -> "the connection to " + endpoint + " broke mid-answer: try again";
            case ModelError.Busy e -> "all " + e.maxConcurrent() + " model calls allowed at once are in use "
                    + "(OPENAI_MAX_CONCURRENT): raise it, or wait";
        };
        return error.upstreamRequestId().isEmpty() ? text : text + " [x-request-id " + error.upstreamRequestId() + "]";
    }

    private static String detail(String detail) {
        return detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    }
}
