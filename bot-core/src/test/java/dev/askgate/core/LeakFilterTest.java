package dev.askgate.core;

import dev.askgate.core.key.KeyForms;
import dev.askgate.testkit.openai.KeyEcho;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The filter forwards no run of the key, however the stream is cut, in whatever disguise the key comes. */
class LeakFilterTest {
    private static final String KEY = "sk-" + "proj-" + "FAKE7q2Wm9xLp4Rz8Tn1Vb6Yc3Hd5Kf0Js";
    private static final KeyForms FORMS = KeyForms.of(KEY);

    @ParameterizedTest
    @EnumSource(KeyEcho.Form.class)
    void anEchoSplitIntoTwoDeltasAtEveryPositionIsWithheldAndNoRunOfTheKeyIsForwarded(KeyEcho.Form form) {
        String answer = new KeyEcho(form, 1).text(KEY);
        for (int cut = 0; cut <= answer.length(); cut++) {
            assertWithheld(List.of(answer.substring(0, cut), answer.substring(cut)), "cut at " + cut);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyEcho.Form.class)
    void anEchoStreamedInSmallChunksIsWithheldAndNoRunOfTheKeyIsForwarded(KeyEcho.Form form) {
        String answer = new KeyEcho(form, 1).text(KEY);
        for (int size = 1; size <= 9; size++) {
            List<String> deltas = new ArrayList<>();
            for (int i = 0; i < answer.length(); i += size) deltas.add(answer.substring(i, Math.min(answer.length(), i + size)));
            assertWithheld(deltas, "chunks of " + size);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyEcho.Form.class)
    void textBeforeTheEchoIsStillShownWhole(KeyEcho.Form form) {
        List<String> sink = new ArrayList<>();
        LeakFilter filter = new LeakFilter(sink::add, FORMS::foundIn);

        filter.accept("Here is a long and harmless first sentence. ");
        filter.accept(form.apply(KEY));
        filter.flush();

        assertThat(filter.leaked()).isTrue();
        assertThat(String.join("", sink)).isEqualTo("Here is a long and harmless first sentence. ");
    }

    private static void assertWithheld(List<String> deltas, String how) {
        List<String> sink = new ArrayList<>();
        LeakFilter filter = new LeakFilter(sink::add, FORMS::foundIn);
        deltas.forEach(filter::accept);
        filter.flush();

        assertThat(filter.leaked()).as(how).isTrue();
        String shown = String.join("", sink);
        assertThat(shown).as(how).isEqualTo(filter.forwarded());
        assertThat(FORMS.foundIn(shown)).as(how + ": forwarded " + shown).isFalse();
    }
}
