package dev.askgate.slack;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.Emphasis;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.Image;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Link;
import org.commonmark.node.LinkReferenceDefinition;
import org.commonmark.node.ListBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.OrderedList;
import org.commonmark.node.Paragraph;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.node.ThematicBreak;
import org.commonmark.parser.Parser;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns the model's Markdown into Slack mrkdwn with a real Markdown parser: bold, italics, code spans and
 * fences, lists, links and headings; {@code &}, {@code <} and {@code >} escaped everywhere, so that
 * {@code <!channel>}, {@code <!here>}, {@code <@U…>} or {@code <!subteam^…>} written by the model show as text
 * and notify nobody, and plain {@code @channel}, {@code @here}, {@code @everyone} are broken with a word joiner.
 * Thread-safe.
 */
public final class MrkdwnConverter {
    private static final Pattern STRIKE = Pattern.compile("~~(?=\\S)(.+?)(?<=\\S)~~");
    private static final Pattern INNER_FENCE = Pattern.compile("`{3,}");
    private static final char LITERAL_ASTERISK = '\u2217';
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private final Parser parser = Parser.builder().build();

    /** The mrkdwn for {@code markdown} (which may be an unfinished piece of a streamed answer). */
    public String convert(String markdown) {
        if (markdown == null || markdown.isBlank()) return "";
        return blocks(parser.parse(markdown), "\n\n").strip();
    }

    private String blocks(Node parent, String separator) {
        List<String> parts = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            String block = block(n);
            if (!block.isEmpty()) parts.add(block);
        }
        return String.join(separator, parts);
    }

    private String block(Node n) {
        return switch (n) {
            case Paragraph p -> inlines(p, false);
            case Heading h -> bold(inlines(h, true));
            case FencedCodeBlock c -> fence(c.getLiteral());
            case IndentedCodeBlock c -> fence(c.getLiteral());
            case ListBlock l -> list(l);
            case BlockQuote q -> prefixLines(blocks(q, "\n\n"), "> ", "> ");
            case ThematicBreak t -> "──────────";
            case HtmlBlock h -> text(h.getLiteral().strip());
            case LinkReferenceDefinition d -> "";
            default -> blocks(n, "\n\n");
        };
    }

    private String list(ListBlock list) {
        String separator = list.isTight() ? "\n" : "\n\n";
        int number = list instanceof OrderedList o && o.getMarkerStartNumber() != null ? o.getMarkerStartNumber() : 1;
        List<String> items = new ArrayList<>();
        for (Node item = list.getFirstChild(); item != null; item = item.getNext()) {
            if (!(item instanceof ListItem)) continue;
            String marker = list instanceof OrderedList ? (number++) + ". " : "• ";
            String body = blocks(item, list.isTight() ? "\n" : "\n\n");
            items.add(prefixLines(body, marker, " ".repeat(marker.length() + 1)));
        }
        return String.join(separator, items);
    }

    /** {@code inBold}: already inside a bold span (a heading, a strong emphasis), where Slack cannot nest one. */
    private String inlines(Node parent, boolean inBold) {
        StringBuilder out = new StringBuilder();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNext()) {
            out.append(inline(n, inBold));
        }
        return out.toString();
    }

    private String inline(Node n, boolean inBold) {
        return switch (n) {
            case Text t -> STRIKE.matcher(literalText(t.getLiteral())).replaceAll("~$1~");
            case Code c -> "`" + escape(c.getLiteral()) + "`";
            // Slack formats only at word boundaries: "foo*bar*baz" would show its asterisks. Intraword emphasis
            // is shown as plain text (the words stay as written; adding spaces would change them).
            case Emphasis e -> intraword(e) ? inlines(e, inBold) : wrap(inlines(e, inBold), "_");
            case StrongEmphasis s -> inBold || intraword(s) ? inlines(s, true) : bold(inlines(s, true));
            case Link l -> link(l.getDestination(), inlines(l, inBold));
            case Image i -> link(i.getDestination(), inlines(i, inBold));
            case SoftLineBreak b -> "\n";
            case HardLineBreak b -> "\n";
            case HtmlInline h -> text(h.getLiteral());
            default -> inlines(n, inBold);
        };
    }

    /** Whether {@code n} touches a letter or digit on either side ({@code foo**bar**baz}). */
    private static boolean intraword(Node n) {
        boolean before = n.getPrevious() instanceof Text t && !t.getLiteral().isEmpty()
                && Character.isLetterOrDigit(t.getLiteral().charAt(t.getLiteral().length() - 1));
        boolean after = n.getNext() instanceof Text t && !t.getLiteral().isEmpty()
                && Character.isLetterOrDigit(t.getLiteral().charAt(0));
        return before || after;
    }

    /**
     * Text the model meant literally: a {@code *} there (written {@code \*x\*} in Markdown) would turn bold in
     * Slack, which has no escape for it, so it is shown as the look-alike {@code ∗} (U+2217), visible and not
     * a formatting mark.
     */
    private static String literalText(String s) {
        return text(s.replace('*', LITERAL_ASTERISK));
    }

    private String link(String destination, String label) {
        String url = destination == null ? "" : destination.strip();
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        boolean mail = scheme.equals("mailto") && EMAIL.matcher(url.substring(7)).matches();
        if (!scheme.equals("http") && !scheme.equals("https") && !mail) {
            // An autolink that is not one (<!subteam^S1|@team> parses as an e-mail address) is shown as written.
            boolean autolink = label.equals(text(url.replaceFirst("^(?i)mailto:", "")));
            return label.isBlank() ? text(url) : autolink ? "&lt;" + label + "&gt;" : label;
        }
        String safeUrl = escape(url).replace("|", "%7C").replace(" ", "%20");
        return label.isBlank() || label.equals(escape(url)) ? "<" + safeUrl + ">" : "<" + safeUrl + "|" + label + ">";
    }

    /**
     * A code block in a ``` fence. Slack ends a fence at any ``` (a {@code ~~~} block may hold them), so runs of
     * three or more backticks inside are shown with the look-alike {@code ˋ} (U+02CB): visible, and neither
     * Slack nor the splitter takes them for a fence.
     */
    private static String fence(String literal) {
        String code = literal.endsWith("\n") ? literal.substring(0, literal.length() - 1) : literal;
        code = INNER_FENCE.matcher(code).replaceAll(m -> "\u02CB".repeat(m.group().length()));
        return "```\n" + escape(code) + "\n```";
    }

    private static String bold(String inner) {
        return wrap(inner, "*");
    }

    private static String wrap(String inner, String marker) {
        return inner.isBlank() ? inner : marker + inner + marker;
    }

    private static String prefixLines(String body, String first, String rest) {
        String[] lines = body.split("\n", -1);
        StringBuilder out = new StringBuilder(first).append(lines[0]);
        for (int i = 1; i < lines.length; i++) {
            out.append('\n').append(lines[i].isEmpty() && !rest.startsWith(">") ? "" : rest + lines[i]);
        }
        return out.toString();
    }

    /** Plain text: escaped, with broadcast words broken so that they notify nobody. */
    static String text(String s) {
        return SlackText.broadcastsBroken(escape(s));
    }

    /** The three characters Slack requires escaped in any text. */
    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
