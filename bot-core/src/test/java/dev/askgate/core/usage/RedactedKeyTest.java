package dev.askgate.core.usage;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedactedKeyTest {
    private static final String KEY = "sk-proj-FAKEabcdefghijklmnopqrstuvwxyzT3BlbkFJ0123";

    @Test
    void aKeyIsShownAsOpenAiShowsIt() {
        assertThat(RedactedKey.of(KEY).value()).isEqualTo("sk-…0123");
        assertThat(RedactedKey.of("sk-svcacct-FAKE-xyzW").value()).isEqualTo("sk-…xyzW");
    }

    @Test
    void aShortValueShowsNoTailAtAll() {
        assertThat(RedactedKey.of("sk-FAKE")).isEqualTo(RedactedKey.NONE);
    }

    @Test
    void aWholeKeyIsNotAcceptedAsARedactedFormAndIsNotQuotedInTheError() {
        assertThatThrownBy(() -> new RedactedKey(KEY))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("FAKE"));
    }

    @Test
    void aLedgerRowRefusesTextLongerThanAnIdOrName() {
        assertThatThrownBy(() -> new LedgerRow(java.time.Instant.EPOCH, "slack", "T1", "C1", "U1", "x".repeat(201),
                dev.askgate.core.Usage.NONE, java.math.BigDecimal.ZERO, "answered", java.time.Duration.ZERO, "", "main",
                RedactedKey.NONE)).hasMessage("model is longer than 200");
    }
}
