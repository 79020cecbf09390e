package dev.askgate.core;

import dev.askgate.core.key.KeyForms;
import dev.askgate.testkit.openai.KeyEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The filter forwards no run of the key, however the stream is cut, in whatever disguise the key comes; words that
 * cannot begin the key are forwarded at once, and of a key written plainly at most three characters are shown.
 */
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

    @ParameterizedTest
    @EnumSource(KeyEcho.Form.class)
    void anEchoIsWithheldAndNoRunOfTheKeyIsForwardedWhenWordsThatCannotBeginItGoAtOnce(KeyEcho.Form form) {
        String answer = new KeyEcho(form, 1).text(KEY);
        for (int cut = 0; cut <= answer.length(); cut++) {
            assertWithheld(true, List.of(answer.substring(0, cut), answer.substring(cut)), "cut at " + cut);
        }
        for (int size = 1; size <= 9; size++) {
            List<String> deltas = new ArrayList<>();
            for (int i = 0; i < answer.length(); i += size) deltas.add(answer.substring(i, Math.min(answer.length(), i + size)));
            assertWithheld(true, deltas, "chunks of " + size);
        }
    }

    @Test
    void ofAKeyWrittenPlainlyAtMostThreeCharactersAreShownHoweverTheStreamIsCut() {
        String before = "Here it is: ";
        for (int size = 1; size <= 9; size++) {
            String answer = before + KEY + " and more.";
            List<String> sink = new ArrayList<>();
            LeakFilter filter = new LeakFilter(sink::add, FORMS::foundIn, FORMS::couldBegin);
            for (int i = 0; i < answer.length(); i += size) filter.accept(answer.substring(i, Math.min(answer.length(), i + size)));
            filter.flush();

            assertThat(filter.leaked()).as("chunks of " + size).isTrue();
            String shown = String.join("", sink);
            assertThat(shown).as("chunks of " + size).startsWith(before.strip());
            assertThat(shown.length() - before.length()).as("chunks of " + size + ": " + shown)
                    .isLessThan(KeyForms.WORD_END);
        }
    }

    @Test
    void aWordThatCannotBeginTheKeyIsForwardedWithoutWaitingForTheNext() {
        List<String> sink = new ArrayList<>();
        LeakFilter filter = new LeakFilter(sink::add, FORMS::foundIn, FORMS::couldBegin);

        filter.accept("Answer");
        assertThat(sink).containsExactly("Answer");
        filter.accept(" 30:");
        filter.accept(" word");
        filter.flush();

        assertThat(sink).containsExactly("Answer", " 30:", " word");
        assertThat(filter.forwarded()).isEqualTo("Answer 30: word");
    }

    @Test
    void aWordThatMayBeginTheKeyWaitsUntilItIsComplete() {
        List<String> sink = new ArrayList<>();
        LeakFilter filter = new LeakFilter(sink::add, FORMS::foundIn, FORMS::couldBegin);

        filter.accept("Try ");
        filter.accept("re");
        filter.accept("FAKE"); // four characters of the key end the word so far
        assertThat(sink).containsExactly("Try ", "re");
        filter.accept("d ones.");
        filter.flush();

        assertThat(filter.leaked()).isFalse();
        assertThat(String.join("", sink)).isEqualTo("Try reFAKEd ones.");
    }

    @Test
    void withoutAWayToTellWhichWordsMayBeginTheKeyEveryWordWaitsUntilItIsComplete() {
        List<String> sink = new ArrayList<>();
        LeakFilter filter = new LeakFilter(sink::add, FORMS::foundIn);

        filter.accept("Answer");
        assertThat(sink).isEmpty();
        filter.accept(" 30:");

        assertThat(sink).containsExactly("Answer ");
    }

    private static void assertWithheld(List<String> deltas, String how) {
        assertWithheld(false, deltas, how);
    }

    /** @param wordsAtOnce whether the filter forwards at once the words that cannot begin the key */
    private static void assertWithheld(boolean wordsAtOnce, List<String> deltas, String how) {
        List<String> sink = new ArrayList<>();
        LeakFilter filter = wordsAtOnce ? new LeakFilter(sink::add, FORMS::foundIn, FORMS::couldBegin)
                : new LeakFilter(sink::add, FORMS::foundIn);
        deltas.forEach(filter::accept);
        filter.flush();

        assertThat(filter.leaked()).as(how).isTrue();
        String shown = String.join("", sink);
        assertThat(shown).as(how).isEqualTo(filter.forwarded());
        assertThat(FORMS.foundIn(shown)).as(how + ": forwarded " + shown).isFalse();
    }
}
