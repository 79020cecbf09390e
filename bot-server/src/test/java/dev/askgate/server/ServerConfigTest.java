package dev.askgate.server;

import dev.askgate.core.config.Settings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServerConfigTest {
    @Test
    void theHttpBoundsDefaultToAThousandConnectionsAndABacklogOf1024() {
        var settings = new Settings(Map.of());

        HttpLimits http = ServerConfig.from(settings).http();

        assertThat(settings.problems()).isEmpty();
        assertThat(http).isEqualTo(HttpLimits.DEFAULTS);
        assertThat(http.maxConnections()).isEqualTo(1_000);
        assertThat(http.backlog()).isEqualTo(1_024);
        assertThat(http.headerTimeout()).hasSeconds(10);
        assertThat(http.bodyTimeout()).hasSeconds(30);
    }

    @Test
    void theHttpBoundsAreReadFromTheirVariables() {
        var settings = new Settings(Map.of("ASKGATE_HTTP_MAX_CONNECTIONS", "250", "ASKGATE_HTTP_BACKLOG", "4096"));

        HttpLimits http = ServerConfig.from(settings).http();

        assertThat(settings.problems()).isEmpty();
        assertThat(http.maxConnections()).isEqualTo(250);
        assertThat(http.backlog()).isEqualTo(4096);
    }

    @Test
    void httpBoundsOutOfRangeAreOneProblemEachNamingTheVariable() {
        var settings = new Settings(Map.of("ASKGATE_HTTP_MAX_CONNECTIONS", "0", "ASKGATE_HTTP_BACKLOG", "lots"));

        ServerConfig.from(settings);

        assertThat(settings.problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).startsWith("ASKGATE_HTTP_MAX_CONNECTIONS must be").contains("16 to 100000"))
                .anySatisfy(p -> assertThat(p).startsWith("ASKGATE_HTTP_BACKLOG must be").contains("16 to 65535"));
    }
}
