package dev.askgate.slack;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's message text as a person reads it, for the model: {@code <@U1|ann>} becomes {@code @ann},
 * {@code <#C1|general>} becomes {@code #general}, {@code <https://x|label>} becomes {@code label (https://x)},
 * {@code <!here>} becomes {@code @here}, and {@code &amp;}, {@code &lt;}, {@code &gt;} are decoded.
 */
final class SlackText {
    private static final Pattern ENTITY = Pattern.compile("<([^<>]*)>");
    private static final Pattern BROADCAST = Pattern.compile("@(channel|here|everyone)\\b", Pattern.CASE_INSENSITIVE);
    /** Invisible, and enough to keep Slack from reading a mention or a broadcast word. */
    private static final String WORD_JOINER = "\u2060";
    /** The start of a Slack token that may notify: {@code <!channel>}, {@code <@U…>}, {@code <!subteam^…>}, {@code <#C…>}. */
    private static final Pattern TOKEN_START = Pattern.compile("<(?=[!@#])");

    private SlackText() {
    }

    /** The text without any mention of {@code botUserId} (the mention that addressed the bot). */
    static String withoutMention(String text, String botUserId) {
        if (text == null) return "";
        if (botUserId == null || botUserId.isEmpty()) return text;
        return text.replaceAll("<@" + Pattern.quote(botUserId) + "(\\|[^>]*)?>", " ").strip();
    }

    /** Plain {@code @channel}, {@code @here}, {@code @everyone} broken with a word joiner, so that they notify nobody. */
    static String broadcastsBroken(String text) {
        return BROADCAST.matcher(text).replaceAll("@" + WORD_JOINER + "$1");
    }

    /**
     * Markdown for Slack's {@code markdown_text} that notifies nobody: a word joiner after the {@code <} of every
     * {@code <!…>}, {@code <@…>} or {@code <#…>} (it shows as written, and is no token), broadcast words broken.
     * A text that grows only grows here too (the joiner needs nothing after the {@code <}), so a streamed answer
     * is extended rather than rewritten.
     */
    static String unpinged(String markdown) {
        if (markdown == null) return "";
        return broadcastsBroken(TOKEN_START.matcher(markdown).replaceAll("<" + WORD_JOINER));
    }

    static String plain(String text) {
        if (text == null) return "";
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").strip();
    }

    private static String entity(String inside) {
        int bar = inside.indexOf('|');
        String target = bar < 0 ? inside : inside.substring(0, bar);
        String label = bar < 0 ? "" : inside.substring(bar + 1);
        if (target.startsWith("@")) return "@" + (label.isEmpty() ? target.substring(1) : label);
        if (target.startsWith("#")) return "#" + (label.isEmpty() ? target.substring(1) : label);
        if (target.startsWith("!subteam^")) return label.isEmpty() ? "@group" : label;
        if (target.startsWith("!")) {
            String word = target.substring(1);
            return label.isEmpty() ? "@" + word : label;
        }
        return label.isEmpty() || label.equals(target) ? target : label + " (" + target + ")";
    }
}
