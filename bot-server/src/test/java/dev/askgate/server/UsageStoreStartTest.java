package dev.askgate.server;

import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The usage store at start: a bad or unreachable ASKGATE_DB_URL is one line and exit 2; a good one gets every call's row. */
class UsageStoreStartTest {
    private static final String KEY = "sk-proj-FAKE0000store0000key0000notreal";
    private static final String URL_PASSWORD = "FAKE-url-password";
    private static final String DB_PASSWORD = "FAKE-db-password";

    private final FakeOpenAi openAi = new FakeOpenAi();

    @TempDir
    Path dir;

    @AfterEach
    void closeFake() {
        openAi.close();
    }

    @Test
    void anUnreachableDatabaseIsOneLineAndExitTwoWithoutEitherPassword() {
        var env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "ASKGATE_DB_URL", "jdbc:postgresql://127.0.0.1:1/askgate?user=askgate&password=" + URL_PASSWORD,
                "ASKGATE_DB_PASSWORD", DB_PASSWORD);

        AskgateRun run = AskgateRun.run(env, "Hello?\n", "chat");

        assertThat(run.status).as(run.toString()).isEqualTo(2);
        assertThat(run.err.lines()).singleElement().asString().startsWith("askgate: ASKGATE_DB_URL: usage store at ")
                .contains("127.0.0.1:1").doesNotContain(URL_PASSWORD, DB_PASSWORD);
        assertThat(run.out).doesNotContain(URL_PASSWORD, DB_PASSWORD);
        assertThat(openAi.chatRequests()).isEmpty();
    }

    @Test
    void aUrlOfAnotherDatabaseIsAConfigurationProblemThatQuotesNothing() {
        var env = Map.of("OPENAI_API_KEY", KEY, "ASKGATE_DB_URL", "jdbc:mysql://db/askgate?password=" + URL_PASSWORD);

        AskgateRun run = AskgateRun.run(env, "", "serve");

        assertThat(run.status).isEqualTo(2);
        assertThat(run.err).contains("ASKGATE_DB_URL must be jdbc:sqlite:FILE or jdbc:postgresql://HOST:PORT/DATABASE")
                .doesNotContain(URL_PASSWORD);
    }

    @Test
    void askgateChatCreatesTheDatabaseDirectoryAndLeavesOneLedgerRowPerAnswerWithoutText() throws Exception {
        openAi.enqueue(FakeOpenAi.answer("Paris FAKE-answer.").usage(21, 7));
        Path db = dir.resolve("data/askgate.db");
        var env = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", openAi.baseUrl(),
                "ASKGATE_DB_URL", "jdbc:sqlite:" + db);

        AskgateRun run = AskgateRun.run(env, "FAKE-question: the capital of France?\n", "chat");

        assertThat(run.status).as(run.toString()).isZero();
        assertThat(Files.isRegularFile(db)).isTrue();
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT platform, user_id, prompt_tokens, completion_tokens, outcome, key_name, key_redacted "
                             + "FROM usage_ledger")) {
            assertThat(rows.next()).as("the row was flushed before the command ended").isTrue();
            assertThat(rows.getString("platform")).isEqualTo("terminal");
            assertThat(rows.getInt("prompt_tokens")).isEqualTo(21);
            assertThat(rows.getInt("completion_tokens")).isEqualTo(7);
            assertThat(rows.getString("outcome")).isEqualTo("answered");
            assertThat(rows.getString("key_name")).isEqualTo("main");
            assertThat(rows.getString("key_redacted")).isEqualTo("sk-…real");
            assertThat(rows.next()).isFalse();
        }
        assertThat(Files.readAllBytes(db)).asString().doesNotContain("FAKE-question", "FAKE-answer", KEY);
    }
}
