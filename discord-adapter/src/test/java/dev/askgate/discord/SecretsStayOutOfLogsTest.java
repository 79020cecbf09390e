package dev.askgate.discord;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.askgate.testkit.openai.FakeOpenAi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;

import static dev.askgate.discord.DiscordHarness.DISCORD_TOKEN;
import static dev.askgate.discord.DiscordHarness.OPENAI_KEY;
import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** Neither the Discord token nor the OpenAI key appears in any log line, at DEBUG, JDA's own included. */
class SecretsStayOutOfLogsTest {
    final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final Logger jda = (Logger) LoggerFactory.getLogger("net.dv8tion");
    Level rootLevel;
    Level jdaLevel;
    DiscordHarness h;

    @BeforeEach
    void capture() {
        rootLevel = root.getLevel();
        jdaLevel = jda.getLevel();
        root.setLevel(Level.DEBUG);
        jda.setLevel(Level.DEBUG);
        captured.start();
        root.addAppender(captured);
    }

    @AfterEach
    void release() {
        if (h != null) h.close();
        root.detachAppender(captured);
        root.setLevel(rootLevel);
        jda.setLevel(jdaLevel);
    }

    @Test
    void noCapturedLogLineHoldsTheDiscordTokenOrTheOpenAiKey() throws Exception {
        h = new DiscordHarness().start(Map.of("DISCORD_ALLOW_DMS", "true"));
        h.openai.enqueue(FakeOpenAi.answer("fine"), FakeOpenAi.invalidApiKey(), FakeOpenAi.answer("slash fine"));
        h.discord.rateLimitNext("POST", "channels/\\d+/messages", 1, 1);

        h.discord.mention(h.discord.alice(), h.discord.channelId(), "hello");
        h.discord.awaitText(h.discord.awaitMessageIn(h.discord.channelId(), WAIT), "fine"::equals, WAIT);
        h.discord.directMessage(h.discord.stranger(), "and now?");
        h.discord.awaitText(h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.stranger()), WAIT),
                t -> t.contains("rejected"), WAIT);
        h.discord.mention(h.discord.bob(), h.discord.otherChannelId(), "my key is " + OPENAI_KEY);
        h.discord.awaitMessageIn(h.discord.dmChannelOf(h.discord.bob()), WAIT);
        h.discord.slashCommand(h.discord.alice(), h.discord.otherChannelId(), "ask", Map.of("question", "slash?"));
        h.discord.await(() -> h.discord.messagesIn(h.discord.otherChannelId()).stream()
                .anyMatch(m -> m.text().equals("slash fine")) ? true : null, WAIT, "slash answer");
        h.close();
        h = null;

        String everything = render();
        assertThat(captured.list).anyMatch(e -> e.getLoggerName().startsWith("net.dv8tion")
                && e.getLevel() == Level.DEBUG);
        assertThat(everything).contains("rate limited by Discord");
        assertThat(everything).doesNotContain(DISCORD_TOKEN).doesNotContain(OPENAI_KEY);
        assertThat(everything).doesNotContain(DISCORD_TOKEN.split("\\.")[0]);
    }

    private String render() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent e : captured.list) {
            all.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(' ').append(e.getFormattedMessage())
                    .append(' ').append(e.getMDCPropertyMap()).append('\n');
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                all.append(t.getClassName()).append(": ").append(t.getMessage()).append('\n');
                for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                    all.append(frame.getSTEAsString()).append('\n');
                }
            }
        }
        return all.toString();
    }
}
