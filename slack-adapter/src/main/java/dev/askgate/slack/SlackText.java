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

    private SlackText() {
    }

    /** The text without any mention of {@code botUserId} (the mention that addressed the bot). */
    static String withoutMention(String text, String botUserId) {
        if (text == null) return "";
        if (botUserId == null || botUserId.isEmpty()) return text;
        return text.replaceAll("<@" + Pattern.quote(botUserId) + "(\\|[^>]*)?>", " ").strip();
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
