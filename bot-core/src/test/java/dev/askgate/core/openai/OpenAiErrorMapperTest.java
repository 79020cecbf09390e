package dev.askgate.core.openai;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.askgate.core.config.Secret;
import dev.askgate.core.key.FixedKeySource;
import dev.askgate.core.model.ModelError;
import org.junit.jupiter.api.Test;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;

import static dev.askgate.core.openai.ModelFixture.KEY;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiErrorMapperTest {
    private final OpenAiErrorMapper errors = new OpenAiErrorMapper(new ObjectMapper(), new FixedKeySource(new Secret(KEY)));

    @Test
    void aConnectTimeoutReportsTheConnectTimeoutNotTheConfiguredOne() {
        // The JDK's words when Socket.connect gives up; OkHttp passes the exception on unchanged.
        var connect = new SocketTimeoutException("Connect timed out");

        assertThat(errors.fromException(connect, Timeouts.of(Duration.ofSeconds(60)), ""))
                .isEqualTo(new ModelError.Timeout(Duration.ofSeconds(10), ""));
        assertThat(errors.fromException(connect, Timeouts.of(Duration.ofSeconds(4)), ""))
                .isEqualTo(new ModelError.Timeout(Duration.ofSeconds(4), ""));
    }

    @Test
    void aSilentStreamReportsTheConfiguredTimeout() {
        Timeouts timeouts = Timeouts.of(Duration.ofSeconds(60));

        assertThat(errors.fromException(new SocketTimeoutException("timeout"), timeouts, "req_1"))
                .isEqualTo(new ModelError.Timeout(Duration.ofSeconds(60), "req_1"));
        assertThat(errors.fromException(new SocketTimeoutException("Read timed out"), timeouts, ""))
                .isEqualTo(new ModelError.Timeout(Duration.ofSeconds(60), ""));
        assertThat(errors.fromException(new InterruptedIOException("timeout"), timeouts, ""))
                .isEqualTo(new ModelError.Timeout(Duration.ofSeconds(60), ""));
    }

    @Test
    void aFailureInsideTheClientIsNotRetriedAndDoesNotQuoteItsMessage() {
        ModelError error = errors.unexpected(new IllegalArgumentException("Unexpected char in header: " + KEY));

        assertThat(error.retryable()).isFalse();
        assertThat(error.toString()).contains("IllegalArgumentException").doesNotContain(KEY);
    }
}
