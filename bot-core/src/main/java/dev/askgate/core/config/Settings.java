package dev.askgate.core.config;

import dev.askgate.core.guard.SecretGuard;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of configuration variables that collect every problem instead of stopping at the first,
 * so that start-up can report them all at once. Problem texts name the variable and what is expected,
 * never a secret's value. The launcher builds one from the environment; nothing else reads the environment.
 */
public final class Settings {
    /** Longer values are not quoted in problem lines: ordinary settings are short, keys and tokens are not. */
    private static final int MAX_QUOTED = 40;

    private final Map<String, String> env;
    private final List<String> problems = new ArrayList<>();

    public Settings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The problems found so far, one line each. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    public void problem(String line) {
        problems.add(line);
    }

    /** Whether the variable is set to something non-blank. */
    public boolean isSet(String name) {
        String v = env.get(name);
        return v != null && !v.isBlank();
    }

    public Optional<String> string(String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public String string(String name, String fallback) {
        return string(name).orElse(fallback);
    }

    /**
     * A secret given either directly ({@code NAME}) or as a file ({@code NAME_FILE}); both set is a problem.
     * Empty when neither is set.
     */
    public Optional<Secret> secret(String name) {
        boolean direct = isSet(name);
        boolean file = isSet(name + "_FILE");
        if (direct && file) {
            problem(name + " and " + name + "_FILE are both set: set only one of them");
            return Optional.empty();
        }
        if (direct) {
            return Optional.of(new Secret(env.get(name).trim()));
        }
        if (file) {
            Path path = Path.of(env.get(name + "_FILE").trim());
            try {
                String content = Files.readString(path, StandardCharsets.UTF_8).trim();
                if (content.isEmpty()) {
                    problem(name + "_FILE points to an empty file (" + path + "): put the secret in it");
                    return Optional.empty();
                }
                return Optional.of(new Secret(content));
            } catch (IOException e) {
                problem(UnreadableSecretFile.line(name + "_FILE", path, e));
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public int integer(String name, int fallback, int min, int max) {
        return parse(name, fallback, "a whole number from " + min + " to " + max, v -> {
            int n = Integer.parseInt(v);
            if (n < min || n > max) throw new IllegalArgumentException();
            return n;
        });
    }

    public double decimal(String name, double fallback, double min, double max) {
        return parse(name, fallback, "a number from " + min + " to " + max, v -> {
            double n = Double.parseDouble(v);
            if (!(n >= min && n <= max)) throw new IllegalArgumentException();
            return n;
        });
    }

    public boolean bool(String name, boolean fallback) {
        return parse(name, fallback, "true or false", v -> switch (v.toLowerCase()) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException();
        });
    }

    public Duration seconds(String name, Duration fallback, int minSeconds, int maxSeconds) {
        return Duration.ofSeconds(integer(name, (int) fallback.toSeconds(), minSeconds, maxSeconds));
    }

    /** An http(s) URL without a trailing slash. */
    public URI url(String name, String fallback) {
        String raw = string(name, fallback);
        try {
            URI uri = new URI(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(raw, "not http(s)");
            }
            return uri;
        } catch (URISyntaxException e) {
            problem(name + " must be an http:// or https:// URL");
            return URI.create(fallback);
        }
    }

    /** A comma- or space-separated list of ids; empty when unset. */
    public Set<String> idSet(String name) {
        return string(name)
                .map(v -> Arrays.stream(v.split("[,\\s]+")).filter(s -> !s.isBlank())
                        .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)))
                .map(Set::copyOf)
                .orElse(Set.of());
    }

    /**
     * A bad value for a problem line: quoted to help find a typo, hidden when it may be a secret pasted into the
     * wrong variable (shaped like one, or long).
     */
    public static String quoted(String value) {
        boolean mayBeSecret = value.length() > MAX_QUOTED || new SecretGuard().findSecret(value).isPresent();
        return mayBeSecret ? "(value hidden)" : "(got \"" + value + "\")";
    }

    private <T> T parse(String name, T fallback, String expected, Function<String, T> parser) {
        Optional<String> raw = string(name);
        if (raw.isEmpty()) return fallback;
        try {
            return parser.apply(raw.get());
        } catch (RuntimeException e) {
            problem(name + " must be " + expected + " " + quoted(raw.get()));
            return fallback;
        }
    }
}
