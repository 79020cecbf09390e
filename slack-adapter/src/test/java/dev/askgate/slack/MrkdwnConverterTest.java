package dev.askgate.slack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MrkdwnConverterTest {
    private final MrkdwnConverter mrkdwn = new MrkdwnConverter();

    @Test
    void boldAndItalicsBecomeSlackMarkers() {
        assertThat(mrkdwn.convert("This is **bold**, *italic*, __also bold__ and _also italic_."))
                .isEqualTo("This is *bold*, _italic_, *also bold* and _also italic_.");
    }

    @Test
    void strikethroughUsesSingleTildes() {
        assertThat(mrkdwn.convert("That was ~~wrong~~ right.")).isEqualTo("That was ~wrong~ right.");
    }

    @Test
    void codeSpansAndFencesKeepTheirContentEscapedAndDropTheLanguage() {
        assertThat(mrkdwn.convert("Run `a && b` then:\n\n```bash\nif [ $x -lt 3 ]; then echo <ok>; fi\n```"))
                .isEqualTo("Run `a &amp;&amp; b` then:\n\n```\nif [ $x -lt 3 ]; then echo &lt;ok&gt;; fi\n```");
    }

    @Test
    void markdownInsideCodeIsNotConverted() {
        assertThat(mrkdwn.convert("```\n**not bold** and *not italic*\n```"))
                .isEqualTo("```\n**not bold** and *not italic*\n```");
    }

    @Test
    void headingsBecomeBoldLines() {
        assertThat(mrkdwn.convert("# Title\n\nText\n\n## Part two\nMore")).isEqualTo("*Title*\n\nText\n\n*Part two*\n\nMore");
    }

    @Test
    void listsUseBulletsAndNumbersAndNestWithIndentation() {
        assertThat(mrkdwn.convert("- one\n- two\n  - two a\n\n1. first\n2. second"))
                .isEqualTo("• one\n• two\n   • two a\n\n1. first\n2. second");
    }

    @Test
    void orderedListsKeepTheirStartNumber() {
        assertThat(mrkdwn.convert("3. three\n4. four")).isEqualTo("3. three\n4. four");
    }

    @Test
    void linksBecomeSlackLinksAndBareUrlsStayLinks() {
        assertThat(mrkdwn.convert("See [the docs](https://example.com/a?b=1&c=2) or <https://example.org>."))
                .isEqualTo("See <https://example.com/a?b=1&amp;c=2|the docs> or <https://example.org>.");
    }

    @Test
    void linksWithUnsafeSchemesKeepOnlyTheirLabel() {
        assertThat(mrkdwn.convert("[click](javascript:alert(1))")).isEqualTo("click");
    }

    @Test
    void ampersandsAndAngleBracketsAreEscaped() {
        assertThat(mrkdwn.convert("1 < 2 & 3 > 2")).isEqualTo("1 &lt; 2 &amp; 3 &gt; 2");
    }

    @Test
    void slackMentionSyntaxInModelOutputIsShownAsTextAndNotifiesNobody() {
        String out = mrkdwn.convert("Hey <!channel> <!here> <!everyone> <@U123ABC> <!subteam^S1|@team> <#C1>");
        assertThat(out).doesNotContain("<!", "<@", "<#");
        assertThat(out).isEqualTo("Hey &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U123ABC&gt; "
                + "&lt;!subteam^S1|@team&gt; &lt;#C1&gt;");
    }

    @Test
    void plainBroadcastWordsAreBrokenWithAWordJoiner() {
        String out = mrkdwn.convert("Ping @channel, @here and @Everyone but not @alice.");
        assertThat(out).doesNotContain("@channel", "@here", "@Everyone");
        assertThat(out).contains("@\u2060channel", "@\u2060here", "@\u2060Everyone", "@alice");
    }

    @Test
    void blockQuotesAreQuotedLineByLine() {
        assertThat(mrkdwn.convert("> first\n> second")).isEqualTo("> first\n> second");
    }

    @Test
    void rawHtmlIsShownAsText() {
        assertThat(mrkdwn.convert("<div>hi</div>\n\ntext <b>bold</b>"))
                .isEqualTo("&lt;div&gt;hi&lt;/div&gt;\n\ntext &lt;b&gt;bold&lt;/b&gt;");
    }

    @Test
    void anUnfinishedStreamedPieceStillConverts() {
        assertThat(mrkdwn.convert("Start **bol")).isEqualTo("Start \u2217\u2217bol"); // literal until it closes
        assertThat(mrkdwn.convert("Code:\n\n```java\nint x = 1;")).isEqualTo("Code:\n\n```\nint x = 1;\n```");
    }

    @Test
    void blankInputGivesEmptyText() {
        assertThat(mrkdwn.convert("  \n ")).isEmpty();
        assertThat(mrkdwn.convert(null)).isEmpty();
    }

    @Test
    void boldInsideAHeadingIsNotNestedBecauseSlackCannotNestBold() {
        assertThat(mrkdwn.convert("# **Bold** heading")).isEqualTo("*Bold heading*");
        assertThat(mrkdwn.convert("## **Step 1**\n\nDo it.")).isEqualTo("*Step 1*\n\nDo it.");
    }

    @Test
    void boldInsideBoldIsNotNested() {
        assertThat(mrkdwn.convert("**outer **inner** outer**")).isEqualTo("*outer inner outer*");
    }

    @Test
    void intrawordEmphasisIsShownAsPlainTextBecauseSlackFormatsOnlyAtWordBoundaries() {
        assertThat(mrkdwn.convert("foo**bar**baz and x*y*z")).isEqualTo("foobarbaz and xyz");
        assertThat(mrkdwn.convert("a **word** alone")).isEqualTo("a *word* alone");
    }

    @Test
    void escapedAsterisksStayLiteralAndDoNotTurnBold() {
        String out = mrkdwn.convert("\\*x\\* and 2 \\* 3");
        assertThat(out).doesNotContain("*").isEqualTo("\u2217x\u2217 and 2 \u2217 3");
    }

    @Test
    void aTildeFenceHoldingBackticksStaysOneCodeBlock() {
        String out = mrkdwn.convert("~~~markdown\nUse:\n```java\nint x;\n```\n~~~\n\nAfter.");
        assertThat(out).startsWith("```\nUse:\n").endsWith("```\n\nAfter.");
        assertThat(out.split("```", -1)).hasSize(3); // exactly one opening and one closing fence
        assertThat(out).contains("\u02CB\u02CB\u02CBjava", "int x;");
    }
}
