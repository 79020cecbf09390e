package dev.askgate.core.render;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageSplitterTest {

    @Test
    void aShortTextIsOnePartUnchanged() {
        String text = "Hello **world**.\n\n```java\nint x = 1;\n```";
        assertThat(new MessageSplitter(2000).split(text)).containsExactly(text);
    }

    @Test
    void aBlankTextHasNoParts() {
        assertThat(new MessageSplitter(100).split("")).isEmpty();
        assertThat(new MessageSplitter(100).split(" \n\n ")).isEmpty();
        assertThat(new MessageSplitter(100).split(null)).isEmpty();
    }

    @Test
    void splitsAtAParagraphBoundaryWhenOneIsInTheSecondHalf() {
        String first = "a".repeat(30) + " " + "b".repeat(40);
        String second = "c".repeat(20) + "\n" + "d".repeat(20);
        String third = "e".repeat(60);

        List<String> parts = new MessageSplitter(100).split(first + "\n\n" + second + "\n\n" + third);

        assertThat(parts).containsExactly(first, second, third);
    }

    @Test
    void prefersALineBoundaryToAWordBoundary() {
        String line1 = "word ".repeat(12).strip();
        String line2 = "more ".repeat(12).strip();
        List<String> parts = new MessageSplitter(80).split(line1 + "\n" + line2);

        assertThat(parts).containsExactly(line1, line2);
    }

    @Test
    void aWordLongerThanTheLimitIsCutHard() {
        String word = "x".repeat(250);
        List<String> parts = new MessageSplitter(100).split(word);

        assertThat(parts).containsExactly("x".repeat(100), "x".repeat(100), "x".repeat(50));
    }

    @Test
    void aSplitCodeBlockIsClosedAndReopenedWithItsInfoString() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 30; i++) code.append("System.out.println(").append(i).append(");\n");
        String text = "Here:\n\n```java\n" + code + "```\n\nDone.";

        List<String> parts = new MessageSplitter(300).split(text);

        assertThat(parts).hasSizeGreaterThan(2);
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(300);
            assertThat(FenceCheck.balanced(part)).as(part).isTrue();
        }
        assertThat(parts.get(1)).startsWith("```java\n");
        assertThat(parts.getFirst()).endsWith("\n```");
        assertThat(FenceCheck.content(String.join("\n", parts))).isEqualTo(FenceCheck.content(text));
    }

    @Test
    void aCutJustBeforeTheClosingFenceLeavesNoEmptyBlockBehind() {
        String code = "x = 1\n".repeat(15); // 90 characters
        String text = "```py\n" + code + "```\n\nAfter the code.";

        List<String> parts = new MessageSplitter(100).split(text);

        assertThat(parts).containsExactly("```py\n" + code.strip() + "\n```", "After the code.");
    }

    @Test
    void tildeFencesAndLongerBacktickRunsAreClosedWithTheirOwnMarker() {
        String body = "line of code\n".repeat(20);
        List<String> tilde = new MessageSplitter(100).split("~~~python\n" + body + "~~~");
        assertThat(tilde.getFirst()).endsWith("\n~~~");
        assertThat(tilde.get(1)).startsWith("~~~python\n");

        List<String> four = new MessageSplitter(100).split("````md\n" + body + "````");
        assertThat(four.getFirst()).endsWith("\n````");
        assertThat(four.get(1)).startsWith("````md\n");
    }

    @Test
    void aTooSmallLimitIsRejected() {
        assertThatThrownBy(() -> new MessageSplitter(10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void generatedTextsAreSplitIntoBalancedPartsWithinTheLimitAndNothingIsLost() {
        for (int seed = 0; seed < 1500; seed++) {
            Random random = new Random(seed);
            String text = generate(random);
            int limit = 64 + random.nextInt(600);

            List<String> parts = new MessageSplitter(limit).split(text);

            assertThat(parts).as("seed %d", seed).isNotEmpty();
            for (String part : parts) {
                assertThat(part).as("seed %d: an empty code block", seed).doesNotContainPattern("```[^\\n]*\\n```\\s*$");
                assertThat(part.length()).as("seed %d limit %d", seed, limit).isLessThanOrEqualTo(limit);
                assertThat(part).as("seed %d", seed).isNotBlank();
                assertThat(FenceCheck.balanced(part)).as("seed %d limit %d part:%n%s", seed, limit, part).isTrue();
            }
            assertThat(FenceCheck.content(String.join("\n", parts))).as("seed %d", seed)
                    .isEqualTo(FenceCheck.content(text));
        }
    }

    @Test
    void theDiscordLimitSplitsAFiveThousandCharacterAnswerWithCodeIntoThreeMessages() {
        Random random = new Random(7);
        StringBuilder text = new StringBuilder();
        while (text.length() < 1500) text.append(sentence(random)).append(' ');
        text.append("\n\n```python\n");
        while (text.length() < 3500) text.append("    value = compute(").append(random.nextInt(1000)).append(")\n");
        text.append("```\n\n");
        while (text.length() < 5000) text.append(sentence(random)).append(' ');

        List<String> parts = new MessageSplitter(2000).split(text.toString().strip());

        assertThat(parts).hasSize(3);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(2000);
            assertThat(FenceCheck.balanced(p)).isTrue();
        });
    }

    /** Paragraphs of words, fenced code (some with info strings), long lines without spaces. */
    static String generate(Random random) {
        StringBuilder text = new StringBuilder();
        int blocks = 1 + random.nextInt(12);
        for (int b = 0; b < blocks; b++) {
            if (b > 0) text.append(random.nextBoolean() ? "\n\n" : "\n");
            switch (random.nextInt(5)) {
                case 0, 1 -> {
                    int sentences = 1 + random.nextInt(8);
                    for (int s = 0; s < sentences; s++) {
                        text.append(sentence(random)).append(random.nextInt(4) == 0 ? "\n" : " ");
                    }
                }
                case 2 -> {
                    String[] infos = {"", "java", "python", "bash", "json title=x"};
                    text.append("```").append(infos[random.nextInt(infos.length)]).append('\n');
                    int lines = 1 + random.nextInt(40);
                    for (int l = 0; l < lines; l++) {
                        text.append("  ".repeat(random.nextInt(3))).append(codeLine(random)).append('\n');
                        if (random.nextInt(10) == 0) text.append('\n');
                    }
                    text.append("```");
                }
                case 3 -> text.append(word(random, 50 + random.nextInt(900)));
                default -> {
                    int items = 1 + random.nextInt(6);
                    for (int i = 0; i < items; i++) text.append("- ").append(sentence(random)).append('\n');
                }
            }
        }
        return text.toString();
    }

    private static String sentence(Random random) {
        StringBuilder s = new StringBuilder();
        int words = 3 + random.nextInt(15);
        for (int w = 0; w < words; w++) {
            if (w > 0) s.append(' ');
            s.append(word(random, 1 + random.nextInt(10)));
        }
        return s.append('.').toString();
    }

    private static String codeLine(Random random) {
        return random.nextInt(8) == 0 ? word(random, 100 + random.nextInt(300))
                : "call(" + word(random, 1 + random.nextInt(20)) + ", " + random.nextInt(100) + ");";
    }

    private static String word(Random random, int length) {
        StringBuilder w = new StringBuilder(length);
        for (int i = 0; i < length; i++) w.append((char) ('a' + random.nextInt(26)));
        return w.toString();
    }
}
