package dev.askgate.store;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.askgate.core.usage.UsageStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A bad or unreachable store URL is one clear message, and no password is ever in it. */
class OpeningAStoreTest {
    private static final String PASSWORD = "FAKE-db-pass-9f8e7d";

    @Test
    void anUnknownSchemeIsNamedWithoutItsPassword() {
        assertThatThrownBy(() -> UsageStores.open("jdbc:mysql://db:3306/askgate?user=a&password=" + PASSWORD, "", ""))
                .isInstanceOf(UsageStoreException.class)
                .hasMessage("usage store URL jdbc:mysql://db:3306/askgate?user=a&password=*** is not supported: "
                        + "use jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE");
    }

    @Test
    void anUnreachablePostgresqlSaysSoWithoutAnyPassword() {
        String url = "jdbc:postgresql://127.0.0.1:1/askgate?password=" + PASSWORD;

        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        logs.start();
        root.addAppender(logs);
        try {
            assertThatThrownBy(() -> UsageStores.open(url, "askgate", PASSWORD))
                    .isInstanceOf(UsageStoreException.class)
                    .hasMessageStartingWith("usage store at jdbc:postgresql://127.0.0.1:1/askgate?password=*** cannot be opened: ")
                    .hasMessageContaining("refused")
                    .satisfies(e -> assertThat(everyMessage(e)).doesNotContain(PASSWORD));
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).noneMatch(line -> line.contains(PASSWORD));
    }

    @Test
    void aPasswordInTheUserInfoPartIsCutOutToo() {
        assertThat(StoreUrl.redact("jdbc:postgresql://askgate:" + PASSWORD + "@db:5432/askgate"))
                .isEqualTo("jdbc:postgresql://askgate:***@db:5432/askgate");
        assertThat(StoreUrl.redact("jdbc:postgresql://db/askgate?user=a&Password=" + PASSWORD + "&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/askgate?user=a&Password=***&ssl=true");
    }

    @Test
    void anSqliteFileWhoseDirectoryCannotBeMadeSaysWhere(@TempDir Path temp) throws Exception {
        Path blocker = Files.writeString(temp.resolve("not-a-directory"), "x");
        String url = "jdbc:sqlite:" + blocker.resolve("askgate.db");

        assertThatThrownBy(() -> UsageStores.open(url, "", ""))
                .isInstanceOf(UsageStoreException.class)
                .hasMessageStartingWith("usage store at " + url + " cannot be opened: ");
    }

    @Test
    void anInMemorySqliteDatabaseIsRefusedBecauseItForgetsOnRestart() {
        assertThatThrownBy(() -> UsageStores.open("jdbc:sqlite::memory:", "", ""))
                .isInstanceOf(UsageStoreException.class)
                .hasMessageContaining("lost on restart");
    }

    private static String everyMessage(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
            for (Throwable suppressed : t.getSuppressed()) all.append(suppressed).append('\n');
        }
        return all.toString();
    }
}
