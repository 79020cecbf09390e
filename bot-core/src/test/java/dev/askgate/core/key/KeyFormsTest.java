package dev.askgate.core.key;

import dev.askgate.testkit.openai.KeyEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class KeyFormsTest {
    /** Assembled so that no scanner takes this file for a leak. */
    static final String KEY = "sk-" + "proj-" + "FAKE7q2Wm9xLp4Rz8Tn1Vb6Yc3Hd5Kf0Js";
    private final KeyForms forms = KeyForms.of(KEY);

    @ParameterizedTest
    @EnumSource(KeyEcho.Form.class)
    void everyDisguiseAModelMayUseIsFound(KeyEcho.Form form) {
        assertThat(forms.foundIn(new KeyEcho(form, 1).text(KEY))).isTrue();
    }

    @Test
    void aRunOfSixteenCharactersAnywhereInTheKeyIsFoundFifteenAreNot() {
        for (int start = 0; start + 16 <= KEY.length(); start++) {
            String run = KEY.substring(start, start + 16);
            assertThat(forms.foundIn("it ends with " + run + ".")).as(run).isTrue();
            assertThat(forms.foundIn("it ends with " + run.substring(1) + ".")).as(run.substring(1)).isFalse();
        }
    }

    @Test
    void invisibleCharactersAndLineBreaksInsideTheKeyDoNotHideIt() {
        String hidden = String.join("\u200d\r\n\u00ad\ufeff ", KEY.split(""));
        assertThat(forms.foundIn(hidden)).isTrue();
        assertThat(KeyForms.significant(hidden)).isEqualTo(KEY);
    }

    @Test
    void ordinaryTextAndOtherKeysAreNotTakenForTheKey() {
        assertThat(forms.foundIn("Use sk-proj- keys from the dashboard; base64 and hex are encodings.")).isFalse();
        assertThat(forms.foundIn("sk-" + "proj-" + "FAKE0000another0000key0000notreal")).isFalse();
        assertThat(forms.foundIn("")).isFalse();
    }

    @Test
    void aWordEndingInFourCharactersOfAnyFormMayBeginTheKey() {
        for (String form : new String[] {KEY, new StringBuilder(KEY).reverse().toString(),
                KeyEcho.Form.HEX.apply(KEY), KeyEcho.Form.BASE64.apply(KEY)}) {
            for (int start = 0; start + KeyForms.WORD_END <= form.length() - 1; start++) {
                String end = form.substring(start, start + KeyForms.WORD_END);
                assertThat(forms.couldBegin("word" + end)).as(end).isTrue();
            }
        }
        assertThat(forms.couldBegin("F\u200bA\u200bK\u200bE")).as("invisible characters do not count").isTrue();
    }

    @Test
    void ordinaryWordsAndWordsShorterThanFourCharactersCannotBeginTheKey() {
        for (String word : new String[] {"Answer", "Hello", "Sure,", "The", "I", "sk-", "**Note**:", "2026-12-02"}) {
            assertThat(forms.couldBegin(word)).as(word).isFalse();
        }
    }

    @Test
    void anyWordMayBeginAKeyShorterThanFourCharacters() {
        assertThat(KeyForms.of("FAK").couldBegin("Answer")).isTrue();
    }

    @Test
    void aKeyShorterThanARunCountsWhole() {
        KeyForms shortKey = KeyForms.of("FAKE-local");
        assertThat(shortKey.foundIn("the key is F A K E - l o c a l")).isTrue();
        assertThat(shortKey.foundIn("the key is FAKE-loca")).isFalse();
    }
}
