package dev.askgate.testkit.openai;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One entry of {@code GET /v1/models}: its id and how it shows {@code shutdown_date} — left out (older endpoints and
 * compatible servers), {@code null} (OpenAI for a model without an end), or a {@code YYYY-MM-DD} date.
 */
public record FakeModel(String id, Shutdown shutdown, LocalDate shutdownDate) {

    /** How the entry carries {@code shutdown_date}. */
    public enum Shutdown { ABSENT, NULL, DATE }

    public FakeModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(shutdown, "shutdown");
        if ((shutdown == Shutdown.DATE) != (shutdownDate != null)) {
            throw new IllegalArgumentException("a date goes with Shutdown.DATE, and only with it");
        }
    }

    /** Listed without the field, as vLLM, Ollama or LiteLLM list models. */
    public static FakeModel listed(String id) {
        return new FakeModel(id, Shutdown.ABSENT, null);
    }

    /** Listed with {@code "shutdown_date": null}: no end announced. */
    public static FakeModel withoutShutdown(String id) {
        return new FakeModel(id, Shutdown.NULL, null);
    }

    /** Listed with {@code "shutdown_date": "YYYY-MM-DD"}. */
    public static FakeModel shutsDownOn(String id, LocalDate date) {
        return new FakeModel(id, Shutdown.DATE, Objects.requireNonNull(date, "date"));
    }
}
