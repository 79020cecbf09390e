package dev.askgate.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A short, realistic workload for a JVM training run (the container image's AOT cache): starts the fakes, runs
 * the command given after {@code --} (an {@code askgate serve} with {@code -XX:AOTCacheOutput=...}) against
 * them in Slack HTTP mode, waits for {@code /readyz}, asks a few questions, stops it with SIGTERM and fails
 * unless it exits 0, so that the cache is written by a clean exit after the work an operator's start does. It
 * first starts and stops the same command once without {@code -XX:AOTCacheOutput}, so that the training run is a
 * restart on a migrated database, as nearly every start of a deployed replica is.
 *
 * <pre>java -cp 'fakes/*' dev.askgate.testkit.TrainingRun --port=18080 -- java -XX:AOTCacheOutput=a.aot -jar askgate.jar serve</pre>
 */
public final class TrainingRun {
    private static final int QUESTIONS = 12;
    private static final String KEY = "sk-proj-FAKE0training0key0000notreal";
    private static final String BOT_TOKEN = "xoxb-FAKE-training-bot-token";
    private static final String SIGNING_SECRET = "FAKE0training0signing0secret";

    public static void main(String[] args) throws Exception {
        int split = Arrays.asList(args).indexOf("--");
        if (split < 0 || split == args.length - 1) {
            throw new IllegalArgumentException("usage: TrainingRun [--port=N] -- command...");
        }
        String port = split > 0 && args[0].startsWith("--port=") ? args[0].substring(7) : "18080";
        List<String> command = List.of(args).subList(split + 1, args.length);
        var fakes = new FakesMain(Map.of("openai-keys", KEY, "slack-bot-token", BOT_TOKEN,
                "slack-signing-secret", SIGNING_SECRET), System.out);
        try {
            // A replica restarts on the database its first start migrated: a first start without the cache's
            // output migrates this one, so that the training run loads what a restart loads, and Flyway, which
            // only a new or older database needs, stays out of the cache and out of every restart's memory.
            int migrated = run(fakes, withoutCacheOutput(command), port, 0, environment(fakes));
            System.exit(migrated != 0 ? migrated : run(fakes, command, port, QUESTIONS, environment(fakes)));
        } finally {
            fakes.close();
        }
    }

    static int run(FakesMain fakes, List<String> command, String port, int questions, Map<String, String> env)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(env);
        builder.environment().put("ASKGATE_PORT", port);
        Process serve = builder.start();
        String base = "http://127.0.0.1:" + port;
        if (!awaitReady(base + "/readyz", serve)) {
            serve.destroyForcibly();
            System.out.println("training: serve did not become ready");
            return 1;
        }
        for (int i = 1; i <= questions; i++) {
            String answer = fakes.run(new String[] {"ask", base + "/slack/events", "C0TRAIN0" + (i % 3), "question", "" + i});
            if (answer.startsWith("failed")) {
                System.out.println("training: " + answer);
                serve.destroyForcibly();
                return 1;
            }
        }
        serve.destroy(); // SIGTERM: the clean shutdown an operator's stop does, which writes the cache
        if (!serve.waitFor(120, TimeUnit.SECONDS)) {
            serve.destroyForcibly();
            System.out.println("training: serve did not stop within 120 s");
            return 1;
        }
        System.out.println("training: " + questions + " questions answered, serve exited " + serve.exitValue());
        return serve.exitValue();
    }

    /** {@code command} without JDK 25's one-step {@code -XX:AOTCacheOutput=FILE}: a plain start of the same serve. */
    static List<String> withoutCacheOutput(List<String> command) {
        return command.stream().filter(argument -> !argument.startsWith("-XX:AOTCacheOutput=")).toList();
    }

    private static boolean awaitReady(String url, Process serve) throws InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && serve.isAlive()) {
            try {
                var response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) return true;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        return false;
    }

    static Map<String, String> environment(FakesMain fakes) {
        return Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", fakes.openAiUrl(), "SLACK_BOT_TOKEN", BOT_TOKEN,
                "SLACK_SIGNING_SECRET", SIGNING_SECRET, "SLACK_API_URL", fakes.slackApiUrl());
    }
}
