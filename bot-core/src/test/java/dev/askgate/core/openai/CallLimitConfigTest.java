package dev.askgate.core.openai;

import dev.askgate.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CallLimitConfigTest {
    private static final String KEY = "sk-" + "proj-" + "FAKE0000limit0000key0000notreal";

    @Test
    void defaultsTo64CallsAndAFiveSecondWait() {
        Settings env = new Settings(Map.of("OPENAI_API_KEY", KEY));

        assertThat(OpenAiConfig.from(env).callLimit()).isEqualTo(new CallLimit(64, Duration.ofSeconds(5)));
        assertThat(env.problems()).isEmpty();
    }

    @Test
    void valuesOutsideTheirRangeAreProblemsNamingTheVariable() {
        Settings env = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_MAX_CONCURRENT", "0",
                "OPENAI_BUSY_WAIT_SECONDS", "600"));

        OpenAiConfig.from(env);

        assertThat(env.problems()).hasSize(2).anySatisfy(p -> assertThat(p).startsWith("OPENAI_MAX_CONCURRENT"))
                .anySatisfy(p -> assertThat(p).startsWith("OPENAI_BUSY_WAIT_SECONDS"));
    }

    @Test
    void aSetLimitIsUsed() {
        Settings env = new Settings(Map.of("OPENAI_API_KEY", KEY, "OPENAI_MAX_CONCURRENT", "200",
                "OPENAI_BUSY_WAIT_SECONDS", "0"));

        assertThat(OpenAiConfig.from(env).callLimit()).isEqualTo(new CallLimit(200, Duration.ZERO));
    }
}
