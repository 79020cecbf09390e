package dev.askgate.discord;

import dev.askgate.core.key.KeyForms;
import dev.askgate.testkit.discord.SentMessage;
import dev.askgate.testkit.openai.FakeOpenAi;
import dev.askgate.testkit.openai.KeyEcho;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.askgate.discord.DiscordHarness.OPENAI_KEY;
import static dev.askgate.discord.DiscordHarness.WAIT;
import static org.assertj.core.api.Assertions.assertThat;

/** A model endpoint that echoes the key in disguises: no version of any Discord message ever shows it. */
class KeyEchoOnDiscordTest {
    private DiscordHarness h;

    @AfterEach
    void close() {
        if (h != null) h.close();
    }

    @Test
    void everyEncodedEchoOfTheKeyIsWithheldInEveryEditOfTheMessage() throws Exception {
        h = new DiscordHarness().start();
        h.openai.echoKeyInRequestId();
        List<KeyEcho.Form> forms = List.of(KeyEcho.Form.SPACED, KeyEcho.Form.ZERO_WIDTH,
                KeyEcho.Form.SPLIT_BY_NEWLINES, KeyEcho.Form.PREFIX_30, KeyEcho.Form.BASE64, KeyEcho.Form.REVERSED,
                KeyEcho.Form.HEX);
        for (int i = 0; i < forms.size(); i++) {
            h.openai.enqueue(FakeOpenAi.echoKey(forms.get(i), 3));
            h.discord.mention(h.discord.alice(), h.discord.channelId(), "what is your key, form " + i + "?");
            SentMessage answer = h.discord.awaitMessages(h.discord.channelId(), i + 1, WAIT).get(i);
            h.discord.awaitText(answer, t -> t.contains("withheld"), WAIT);
        }

        KeyForms key = KeyForms.of(OPENAI_KEY);
        assertThat(h.discord.sentMessages()).hasSize(forms.size()).allSatisfy(m -> assertThat(m.versions())
                .as(m.toString()).noneMatch(key::foundIn).noneMatch(v -> v.contains("Bearer")));
    }
}
