package dev.askgate.server;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingRegistry;
import dev.askgate.core.KeyedModel;
import dev.askgate.core.config.Settings;
import dev.askgate.core.http.HttpRoute;
import dev.askgate.core.render.OutcomeWording;
import dev.askgate.store.UsageStores;
import dev.askgate.core.usage.UsageStoreException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The launcher: {@code java -jar askgate.jar [serve|chat|check|healthcheck|usage|version|help]}. The only class that
 * reads the process environment; everything else gets typed configuration from it.
 */
public final class Askgate {
    /** How often the spend and key alerts are looked at; each fires at most once an hour. */
    static final Duration ALERT_CHECK_INTERVAL = Duration.ofMinutes(1);
    static final String USAGE = """
            usage: askgate [command]

            commands:
              serve        run the chat bots and the HTTP endpoints (/healthz, /readyz, /metrics) on ASKGATE_PORT (default)
              chat         talk to the model from this terminal: one question per line, answers on stdout
              check        validate the configuration and test the OpenAI endpoint and key
              healthcheck  ask a running serve's GET /healthz (for container health checks)
              usage        report spend from the usage store: usage [--since 7d] [--by user|channel|workspace|model|key]
                           [--format table|csv|json]; usage reset --user slack:U0123ABCD clears a user's day and month
              backup FILE  write a consistent copy of the SQLite usage store (ASKGATE_DB_URL) to FILE, while serve runs
              version      print the version
              help         print this text

            Configuration comes from environment variables; see README.md. In a checkout, ./askgate test runs the tests.
            """;

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean interactive;
    private final PlatformFactory platforms;
    /** The process's one tokenizer registry: the configuration's checks and the chat service count with it. */
    private final EncodingRegistry tokenizers = Encodings.newLazyEncodingRegistry();

    /**
     * @param interactive whether stdin is a terminal (then {@code chat} greets and prompts)
     */
    public Askgate(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean interactive) {
        this(env, in, out, err, interactive, (config, wiring) -> new Platforms(config, wiring).create());
    }

    /** @param platforms creates what {@code serve} runs (tests give a test platform) */
    Askgate(Map<String, String> env, InputStream in, PrintStream out, PrintStream err, boolean interactive,
            PlatformFactory platforms) {
        this.env = Map.copyOf(env);
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.interactive = interactive;
        this.platforms = Objects.requireNonNull(platforms, "platforms");
    }

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        LogSetup.configure(env, command(args));
        int status = new Askgate(env, System.in, System.out, System.err, InteractiveTerminal.present()).run(args);
        System.exit(status);
    }

    /** Runs one command and returns the process exit status. */
    public int run(String... args) {
        String command = command(args);
        if (command.equals("usage")) {
            return usage(List.of(args).subList(1, args.length));
        }
        if (command.equals("backup")) {
            if (args.length != 2) return usageError("askgate backup takes one argument, the file to write");
            return backup(Path.of(args[1]));
        }
        if (args.length > 1) {
            return usageError("askgate " + command + " takes no arguments");
        }
        return switch (command) {
            case "serve" -> serve();
            case "chat" -> chat();
            case "check" -> check();
            case "healthcheck" -> new HealthcheckCommand(env.getOrDefault("ASKGATE_PORT", "8080"), err).run();
            case "version", "--version" -> {
                out.println("askgate " + AskgateVersion.read());
                yield 0;
            }
            case "help", "--help", "-h" -> {
                out.print(USAGE);
                yield 0;
            }
            default -> usageError("askgate: unknown command \"" + command + "\"");
        };
    }

    private static String command(String[] args) {
        return args.length == 0 ? "serve" : args[0];
    }

    private int usageError(String line) {
        err.println(line);
        err.print(USAGE);
        return 2;
    }

    private int serve() {
        Optional<AskgateConfig> loaded = config();
        // Said together with any other problem, so that one start shows everything to fix.
        if (!PlatformTokens.from(new Settings(env)).any()) {
            err.println("askgate: " + PlatformTokens.howToEnable());
            return 2;
        }
        if (loaded.isEmpty()) return 2;
        AskgateConfig config = loaded.get();
        Optional<Wiring> wired = wire(config, line -> err.println("askgate: " + line));
        if (wired.isEmpty()) return 2;
        try (Wiring wiring = wired.get()) {
            EnabledPlatforms enabled = platforms.create(config, wiring);
            if (!enabled.unavailable().isEmpty()) {
                enabled.unavailable().forEach(line -> err.println("askgate: " + line));
                return 2;
            }
            return serve(config, wiring, enabled);
        } catch (IOException e) {
            err.println("askgate: cannot serve on port " + config.server().port() + " (ASKGATE_PORT): " + e.getMessage()
                    + "; stop what uses it or set ASKGATE_PORT to a free port");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private int serve(AskgateConfig config, Wiring wiring, EnabledPlatforms enabled)
            throws IOException, InterruptedException {
        var watch = new ModelWatch(wiring.model(), wiring.checkText(), config.server().modelCheckInterval());
        List<HttpRoute> routes = new ArrayList<>(enabled.routes());
        routes.add(wiring.meters().route());
        var server = new AskgateServer(config.server(), watch, enabled.platforms(), routes, wiring.json(),
                Optional.of(wiring.usage()));
        server.shutdownOnSignal();
        try {
            server.start();
        } catch (IllegalStateException e) {
            server.keepExitStatus();
            err.println("askgate: " + e.getMessage());
            server.shutdown();
            return 1;
        }
        // Alerts read the store once a minute on a thread of their own, so that a slow query never holds back edits.
        ScheduledExecutorService alerts = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("askgate-alerts").factory());
        try {
            new OperatorAlerts(config.spend().alerts(), wiring.usage().store(), config.spend().budgets(),
                    wiring.meters().askgate(), enabled.alertChannels(), Clock.systemUTC())
                    .runEvery(alerts, ALERT_CHECK_INTERVAL);
            server.awaitShutdown();
        } finally {
            alerts.shutdownNow();
        }
        return 0;
    }

    /** {@code usage ...}: a report from the usage store, or a user's budget reset; no OpenAI key needed. */
    private int usage(List<String> args) {
        var settings = new Settings(env);
        StoreConfig store = StoreConfig.from(settings);
        if (!settings.problems().isEmpty()) {
            settings.problems().forEach(line -> err.println("askgate: " + line));
            return 2;
        }
        return new UsageCommand(store, config -> UsageStores.open(config.url(), config.user(), config.passwordValue()),
                Clock.systemUTC(), out, err).run(args);
    }

    /** {@code backup FILE}: a consistent copy of the SQLite store while serve runs; no OpenAI key needed. */
    private int backup(Path target) {
        var settings = new Settings(env);
        StoreConfig store = StoreConfig.from(settings);
        if (!settings.problems().isEmpty()) {
            settings.problems().forEach(line -> err.println("askgate: " + line));
            return 2;
        }
        return new BackupCommand(store, out, err).run(target);
    }

    private int chat() {
        Optional<AskgateConfig> config = config();
        if (config.isEmpty()) return 2;
        Optional<Wiring> wired = wire(config.get(), line -> err.println("askgate: " + line));
        if (wired.isEmpty()) return 2;
        try (Wiring wiring = wired.get()) {
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            var words = new OperatorWording(new OutcomeWording("Type a question and press Enter."));
            return new TerminalChat(wiring.chat(), words, reader, out, err, interactive,
                    env.getOrDefault("USER", "terminal")).run();
        } catch (IOException e) {
            err.println("askgate: reading the questions failed: " + e.getMessage());
            return 1;
        }
    }

    private int check() {
        Optional<AskgateConfig> config = config(line -> out.println("FAIL  " + line));
        if (config.isEmpty()) return 2;
        Optional<Wiring> wired = wire(config.get(), line -> out.println("FAIL  " + line));
        if (wired.isEmpty()) return 2;
        out.println("ok  configuration");
        try (Wiring wiring = wired.get()) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            boolean failed = false;
            for (KeyedModel keyed : wiring.keyedModels()) {
                // Each workspace's key is checked on its own: a revoked one fails that workspace, not the others.
                ModelCheckText.Verdict verdict = keyed.name().equals(Wiring.MAIN_KEY_NAME)
                        ? wiring.checkText().verdict(keyed.model().check(), today)
                        : wiring.checkText().verdictForPlace(keyed.name(), keyed.model().check(), today);
                String label = switch (verdict.severity()) {
                    case OK -> "ok  ";
                    case WARN -> "WARN  ";
                    case FAIL -> "FAIL  ";
                };
                out.println(label + verdict.text());
                failed |= verdict.severity() == ModelCheckText.Severity.FAIL;
            }
            out.println("info  chat platforms: " + config.get().platforms().describe());
            return failed ? 1 : 0;
        }
    }

    private Optional<AskgateConfig> config() {
        return config(line -> err.println("askgate: " + line));
    }

    private Optional<AskgateConfig> config(Consumer<String> problems) {
        return switch (AskgateConfig.load(env, tokenizers)) {
            case AskgateConfig.Loaded.Valid valid -> Optional.of(valid.config());
            case AskgateConfig.Loaded.Invalid invalid -> {
                invalid.problems().forEach(problems);
                yield Optional.empty();
            }
        };
    }

    /**
     * The shared pieces; empty (with the reason told) when the key file cannot be opened after all, or the usage
     * store cannot be (its line names the URL without the password).
     */
    private Optional<Wiring> wire(AskgateConfig config, Consumer<String> problems) {
        try {
            return Optional.of(new Wiring(config, tokenizers));
        } catch (IOException e) {
            // A workspace key's file names itself; the main key's file message could quote more than its name.
            boolean ownLine = e.getMessage() != null && e.getMessage().startsWith(SpendConfigFile.VARIABLE + " keys.");
            problems.accept(ownLine ? e.getMessage() : "OPENAI_API_KEY_FILE cannot be read: "
                    + e.getClass().getSimpleName());
            return Optional.empty();
        } catch (UsageStoreException e) {
            problems.accept("ASKGATE_DB_URL: " + e.getMessage());
            return Optional.empty();
        }
    }
}
