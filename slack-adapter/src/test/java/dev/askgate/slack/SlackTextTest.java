package dev.askgate.slack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SlackTextTest {

    @Test
    void slackEntitiesBecomeWhatAPersonReads() {
        assertThat(SlackText.plain("ask <@U1|ann> in <#C1|general> about <https://x.io|the site> or <https://y.io> <!here>"))
                .isEqualTo("ask @ann in #general about the site (https://x.io) or https://y.io @here");
    }

    @Test
    void markdownForStreamsKeepsItsMarksButNotifiesNobody() {
        assertThat(SlackText.unpinged("**Hi** <!channel>, <@U1> and <!subteam^S1|@devs>: @here & a < b, mail a@b.io"))
                .isEqualTo("**Hi** <\u2060!channel>, <\u2060@U1> and <\u2060!subteam^S1|@devs>: @\u2060here & a < b, mail a@b.io");
    }

    @Test
    void markdownForStreamsThatGrowsOnlyGrows() {
        String text = "see <!here> now";
        for (int i = 1; i < text.length(); i++) {
            assertThat(SlackText.unpinged(text.substring(0, i + 1))).startsWith(SlackText.unpinged(text.substring(0, i)));
        }
    }

    @Test
    void escapedCharactersAreDecoded() {
        assertThat(SlackText.plain("a &lt; b &amp;&amp; c &gt; d")).isEqualTo("a < b && c > d");
    }

    @Test
    void theBotsMentionIsRemovedWhereverItIs() {
        assertThat(SlackText.withoutMention("<@UBOT> what about <@UBOT|askgate> this?", "UBOT"))
                .isEqualTo("what about   this?");
        assertThat(SlackText.withoutMention("<@UOTHER> hi", "UBOT")).isEqualTo("<@UOTHER> hi");
    }

    @Test
    void aQuotedQuestionEscapesItsTextAndNamesTheAsker() {
        assertThat(QuestionQuote.of("U1", "a <b> & @here\nsecond line"))
                .isEqualTo("*<@U1> asked:*\n> a &lt;b&gt; &amp; @\u2060here\n> second line");
    }

    @Test
    void aQuestionTooLongForOneSlackMessageIsQuotedShortenedAtAWord() {
        String quote = QuestionQuote.of("U1", "first line\n" + "many words & more ".repeat(1_000));

        assertThat(quote).hasSizeLessThanOrEqualTo(QuestionQuote.MAX_CHARS)
                .startsWith("*<@U1> asked:*\n> first line\n> many words &amp; more many")
                .endsWith("…" + QuestionQuote.SHORTENED);
        String quoted = quote.substring(0, quote.length() - QuestionQuote.SHORTENED.length() - 1);
        assertThat(quoted).matches("(?s).* (many|words|&amp;|more)");
    }

    @Test
    void aShortenedQuoteCutsNeitherAnEntityNorASurrogatePair() {
        String entities = QuestionQuote.of("U1", "&".repeat(5_000));
        // "U12": a header of odd length, so that the room left for the line is odd and would end inside a pair.
        String emoji = QuestionQuote.of("U12", "🙂".repeat(5_000));

        assertThat(entities).hasSizeLessThanOrEqualTo(QuestionQuote.MAX_CHARS)
                .matches("(?s)\\*<@U1> asked:\\*\n> (&amp;)+…" + java.util.regex.Pattern.quote(QuestionQuote.SHORTENED));
        assertThat(emoji).hasSizeLessThanOrEqualTo(QuestionQuote.MAX_CHARS)
                .matches("(?s)\\*<@U12> asked:\\*\n> (🙂)+…" + java.util.regex.Pattern.quote(QuestionQuote.SHORTENED));
    }

    @Test
    void aQuestionOfManyShortLinesIsShortenedWhereTheLinesFillTheQuote() {
        String quote = QuestionQuote.of("U1", "x\n".repeat(3_000));

        assertThat(quote).hasSizeLessThanOrEqualTo(QuestionQuote.MAX_CHARS).endsWith(QuestionQuote.SHORTENED);
        assertThat(quote.lines().filter(line -> line.equals("> x")).count()).isGreaterThan(800); // 4 characters each
    }
}
