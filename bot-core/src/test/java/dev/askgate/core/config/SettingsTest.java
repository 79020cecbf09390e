package dev.askgate.core.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SettingsTest {

    @Test
    void anOrdinaryBadValueIsQuotedToHelpFindTheTypo() {
        Settings s = new Settings(Map.of("ASKGATE_PORT", "80a0"));

        assertThat(s.integer("ASKGATE_PORT", 8080, 1, 65535)).isEqualTo(8080);

        assertThat(s.problems()).containsExactly("ASKGATE_PORT must be a whole number from 1 to 65535 (got \"80a0\")");
    }

    @Test
    void aSecretShapedValueInTheWrongVariableIsNotQuoted() {
        String token = "xoxb-FAKE-1234-5678-notreal";
        Settings s = new Settings(Map.of("ASKGATE_PORT", token, "ASKGATE_DEBUG", "sk-proj-FAKE0000test0000key0000notreal"));

        s.integer("ASKGATE_PORT", 8080, 1, 65535);
        s.bool("ASKGATE_DEBUG", false);

        assertThat(s.problems()).hasSize(2).allSatisfy(line -> assertThat(line).endsWith("(value hidden)")
                .doesNotContain("FAKE"));
    }

    @Test
    void aLongValueIsNotQuotedEvenWithoutTheShapeOfAKnownSecret() {
        String longValue = "FAKEsecretWithoutAKnownPrefix0123456789abcdefghij";
        Settings s = new Settings(Map.of("OPENAI_TIMEOUT_SECONDS", longValue));

        s.seconds("OPENAI_TIMEOUT_SECONDS", java.time.Duration.ofSeconds(60), 1, 3600);

        assertThat(s.problems()).singleElement().satisfies(line ->
                assertThat(line).startsWith("OPENAI_TIMEOUT_SECONDS must be").doesNotContain(longValue));
    }
}
