package dev.askgate.core.guard;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds text shaped like a credential (API keys, tokens) so that it is sent nowhere.
 *
 * <p>The shapes follow the prefixes the issuers document and the rules of common secret scanners
 * (gitleaks, trufflehog). Where a prefix is also an ordinary word part ({@code sk-learn}, {@code task-...}),
 * a shape demands a token boundary before it and a digit somewhere in its random part, because real keys
 * are random and practically always contain one while hyphenated prose does not.
 */
public final class SecretGuard {

    /** One shape of credential and the words that name it for a person. */
    private record Shape(String kind, Pattern pattern) { }

    /** Not preceded by a character that could belong to the same token. */
    private static final String START = "(?<![A-Za-z0-9_-])";
    /** Not followed by a character that could belong to the same token. */
    private static final String END = "(?![A-Za-z0-9_-])";
    /** The rest of the token contains at least one digit. */
    private static final String HAS_DIGIT = "(?=[A-Za-z0-9_-]*[0-9])";

    // Order matters: the more specific shape must come before a looser one that also matches.
    private static final List<Shape> SHAPES = List.of(
            shape("an Anthropic API key", START + "sk-ant-" + HAS_DIGIT + "[A-Za-z0-9_-]{20,}"),
            shape("an OpenAI API key", START + "sk-(?:proj|svcacct|admin)-" + HAS_DIGIT + "[A-Za-z0-9_-]{20,}"),
            shape("an OpenAI API key", START + "sk-[A-Za-z0-9_-]*T3BlbkFJ[A-Za-z0-9_-]*"),
            shape("an OpenAI API key", START + "sk-" + HAS_DIGIT + "[A-Za-z0-9]{40,}" + END),
            shape("a Slack webhook URL",
                    "https?://hooks\\.slack(?:-gov)?\\.com/(?:services|workflows|triggers)/[A-Za-z0-9_/-]{20,}"),
            shape("a Slack app token", START + "xapp-" + HAS_DIGIT + "[A-Za-z0-9-]{10,}"),
            shape("a Slack token", START + "xox(?:e\\.xox)?[bpaers]-" + HAS_DIGIT + "[A-Za-z0-9-]{10,}"),
            shape("a Discord webhook URL",
                    "https?://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/(?:v\\d+/)?webhooks/\\d+/[A-Za-z0-9_-]{20,}"),
            shape("a Discord bot token",
                    START + "[MNO][A-Za-z0-9_-]{23,26}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}" + END),
            shape("an AWS access key", "(?<![A-Z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Z0-9])"),
            shape("an AWS secret access key",
                    "(?i)(?:aws[\\w.-]{0,20}secret[\\w.-]{0,20}|secret_?access_?key)[\"']?\\s*[:=]>?\\s*[\"']?"
                            + "[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"),
            shape("a GitHub token", START + "gh[pousr]_[A-Za-z0-9]{36,}" + END),
            shape("a GitHub token", START + "github_pat_[A-Za-z0-9_]{22,}" + END),
            shape("a Stripe secret key", START + "(?:sk|rk)_live_[A-Za-z0-9]{20,}" + END),
            shape("a Google API key", START + "AIza[0-9A-Za-z_-]{35}" + END),
            shape("a private key", "-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"),
            shape("a JSON Web Token",
                    START + "eyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}" + END),
            shape("a bearer token",
                    "(?i)\\bbearer\\s+(?=[A-Za-z0-9._~+/=-]*[0-9])[A-Za-z0-9._~+/=_-]{20,}"),
            // Basic credentials are base64 of "user:password" and need not contain a digit.
            shape("an HTTP authorization header",
                    "(?i)\\bauthorization\\s*[:=]\\s*[\"']?basic\\s+[A-Za-z0-9+/]{12,}=*"),
            shape("an HTTP authorization header",
                    "(?i)\\bauthorization\\s*[:=]\\s*[\"']?(?:token|digest)?\\s*"
                            + "(?=[A-Za-z0-9._~+/=-]*[0-9])[A-Za-z0-9._~+/=_-]{16,}"));

    private static Shape shape(String kind, String regex) {
        return new Shape(kind, Pattern.compile(regex));
    }

    /** The kind of secret found, worded for a person ("an OpenAI API key"), or empty. */
    public Optional<String> findSecret(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (Shape shape : SHAPES) {
            if (shape.pattern().matcher(text).find()) {
                return Optional.of(shape.kind());
            }
        }
        return Optional.empty();
    }
}
