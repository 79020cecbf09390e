package dev.askgate.server;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deployment files an operator copies: compose.yaml, every manifest in deploy/kubernetes/, the Dockerfile and
 * the ignore files. Parsed, not grepped, so that an indentation slip that moves a field elsewhere fails here.
 */
class DeploymentFilesTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final int DRAIN_SECONDS = 20; // ASKGATE_SHUTDOWN_GRACE_SECONDS' default
    private static final String SECRETS_DIR = "/run/secrets/askgate";

    @Test
    void everyKubernetesManifestParsesAndNamesItsKind() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/kubernetes"))) {
            manifests = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(manifests).extracting(p -> p.getFileName().toString())
                .contains("deployment.yaml", "service.yaml", "secret.yaml", "configmap.yaml");
        for (Path manifest : manifests) {
            assertThat(documents(manifest)).as(manifest.toString()).isNotEmpty()
                    .allSatisfy(doc -> assertThat(doc).containsKeys("apiVersion", "kind", "metadata"));
        }
    }

    @Test
    void theDeploymentRunsTwoLockedDownReplicasWithProbesAndAGraceLongerThanTheDrain() throws IOException {
        Map<String, Object> deployment = manifest("deployment.yaml", "Deployment");
        Map<String, Object> spec = map(deployment, "spec");
        assertThat(spec.get("replicas")).isEqualTo(2);
        Map<String, Object> pod = map(map(spec, "template"), "spec");
        assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThan(DRAIN_SECONDS);
        Map<String, Object> podSecurity = map(pod, "securityContext");
        assertThat(podSecurity.get("runAsNonRoot")).isEqualTo(true);
        assertThat(podSecurity.get("runAsUser")).isEqualTo(10001); // a number: runAsNonRoot cannot check a name

        Map<String, Object> container = list(pod, "containers").getFirst();
        assertThat(map(container, "securityContext").get("readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(map(map(container, "livenessProbe"), "httpGet").get("path")).isEqualTo("/healthz");
        assertThat(map(map(container, "readinessProbe"), "httpGet").get("path")).isEqualTo("/readyz");
        Map<String, Object> resources = map(container, "resources");
        assertThat(map(resources, "requests")).containsKeys("cpu", "memory");
        // Sized from the benchmark: the request holds the largest resident set measured (181 MiB, in-flight's
        // 1,000 streaming answers), and the limit leaves a quarter beside the heap (-XX:MaxRAMPercentage=75) for
        // ~90 MiB off-heap.
        long request = mebibytes((String) map(resources, "requests").get("memory"));
        long limit = mebibytes((String) map(resources, "limits").get("memory"));
        assertThat(request).isGreaterThanOrEqualTo(182).isLessThan(limit);
        assertThat(limit / 4).isGreaterThanOrEqualTo(96);
        assertThat(env(container)).containsEntry("ASKGATE_SHUTDOWN_GRACE_SECONDS", String.valueOf(DRAIN_SECONDS));

        Map<String, Map<String, Object>> volumes = byName(list(pod, "volumes"));
        Map<String, Map<String, Object>> mounts = byMountPath(list(container, "volumeMounts"));
        // With a read-only root, /data (the embedded database) and /tmp must be writable volumes.
        for (String writable : List.of("/data", "/tmp")) {
            assertThat(mounts).containsKey(writable);
            assertThat(mounts.get(writable).get("readOnly")).isNotEqualTo(true);
            assertThat(volumes.get((String) mounts.get(writable).get("name"))).containsKey("emptyDir");
        }
        // The Secret is mounted as a directory (no subPath, which Kubernetes never updates), and the _FILE variables
        // point inside it.
        Map<String, Object> secretMount = mounts.get(SECRETS_DIR);
        assertThat(secretMount).isNotNull().doesNotContainKey("subPath");
        Map<String, Object> secretVolume = map(volumes.get((String) secretMount.get("name")), "secret");
        // Every _FILE variable names a key of a Secret that secret.yaml defines, mounted (not optionally) as the
        // variable's directory: a missing one would stop the pod at start with "no such file".
        Map<String, Map<String, Object>> secrets = byMetadataName(manifests("secret.yaml", "Secret"));
        assertThat(secrets).containsKey((String) secretVolume.get("secretName"));
        env(container).forEach((name, value) -> {
            if (!name.endsWith("_FILE")) return;
            Path file = Path.of(value);
            Map<String, Object> mount = mounts.get(file.getParent().toString());
            assertThat(mount).as(name + ": a volume mounted at " + file.getParent()).isNotNull();
            Map<String, Object> volume = map(volumes.get((String) mount.get("name")), "secret");
            assertThat(volume.get("optional")).as(name).isNotEqualTo(true);
            Map<String, Object> source = secrets.get((String) volume.get("secretName"));
            assertThat(source).as(name + ": Secret " + volume.get("secretName") + " in secret.yaml").isNotNull();
            assertThat(map(source, "stringData")).as(name).containsKey(file.getFileName().toString());
        });
        assertThat(env(container)).containsEntry("OPENAI_API_KEY_FILE", SECRETS_DIR + "/openai-key");
        assertThat(mounts.values()).allSatisfy(mount -> assertThat(mount).doesNotContainKey("subPath"));

        // ASKGATE_CONFIG names a key of the ConfigMap, in the directory it is mounted at.
        Map<String, Object> configMap = manifest("configmap.yaml", "ConfigMap");
        String config = env(container).get("ASKGATE_CONFIG");
        Path configPath = Path.of(config);
        Map<String, Object> configMount = mounts.get(configPath.getParent().toString());
        assertThat(map(volumes.get((String) configMount.get("name")), "configMap").get("name"))
                .isEqualTo(map(configMap, "metadata").get("name"));
        assertThat(map(configMap, "data")).containsKey(configPath.getFileName().toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSlackManifestAsksForWhatTheAssistantPanelNeeds() throws IOException {
        Map<String, Object> manifest = documents(ROOT.resolve("slack-app-manifest.yml")).getFirst();
        Map<String, Object> panel = map(map(manifest, "features"), "assistant_view");
        assertThat((String) panel.get("assistant_description")).isNotBlank();
        assertThat(list(panel, "suggested_prompts")).hasSizeLessThanOrEqualTo(4)
                .allSatisfy(prompt -> assertThat(prompt).containsKeys("title", "message"));
        List<String> scopes = (List<String>) map(map(manifest, "oauth_config"), "scopes").get("bot");
        assertThat(scopes).contains("assistant:write", "chat:write", "im:history");
        List<String> events = (List<String>) map(map(manifest, "settings"), "event_subscriptions").get("bot_events");
        assertThat(events).contains("message.im", "assistant_thread_started", "assistant_thread_context_changed");
    }

    @Test
    void theServiceSelectsTheDeploymentsPodsOnTheirHttpPort() throws IOException {
        Map<String, Object> service = manifest("service.yaml", "Service");
        Map<String, Object> template = map(map(manifest("deployment.yaml", "Deployment"), "spec"), "template");
        Map<String, Object> podLabels = map(map(template, "metadata"), "labels");
        assertThat(podLabels).containsAllEntriesOf(map(map(service, "spec"), "selector"));
        Object targetPort = list(map(service, "spec"), "ports").getFirst().get("targetPort");
        Map<String, Object> container = list(map(template, "spec"), "containers").getFirst();
        assertThat(list(container, "ports")).anySatisfy(port -> {
            assertThat(port.get("name")).isEqualTo(targetPort);
            assertThat(port.get("containerPort")).isEqualTo(8080);
        });
    }

    @Test
    void composeRunsSqliteOnANamedVolumeByDefaultAndTwoReplicasOnPostgresInItsProfile() throws IOException {
        Map<String, Object> compose = documents(ROOT.resolve("compose.yaml")).getFirst();
        Map<String, Object> services = map(compose, "services");

        Map<String, Object> single = map(services, "askgate");
        assertThat(single).doesNotContainKey("profiles");
        assertThat(strings(single, "volumes")).contains("askgate-data:/data");
        assertThat(map(compose, "volumes")).containsKey("askgate-data");
        assertThat(env(single).get("ASKGATE_DB_URL")).startsWith("jdbc:sqlite:/data/");

        List<String> replicas = services.entrySet().stream()
                .filter(e -> e.getKey().startsWith("askgate-"))
                .filter(e -> strings(castMap(e.getValue()), "profiles").contains("postgres"))
                .map(Map.Entry::getKey).toList();
        assertThat(replicas).hasSize(2);
        assertThat(strings(map(services, "postgres"), "profiles")).contains("postgres");
        for (String replica : replicas) {
            assertThat(env(map(services, replica))).containsEntry("ASKGATE_DB_URL", "jdbc:postgresql://postgres:5432/askgate")
                    .containsKeys("ASKGATE_DB_USER", "ASKGATE_DB_PASSWORD_FILE");
        }

        // Secrets from files, as one directory (a single-file bind mount keeps the old inode after a rotation).
        Map<String, Object> secretSource = map(map(compose, "secrets"), "askgate");
        assertThat(secretSource.get("file")).isEqualTo("./secrets");
        for (String name : concat(List.of("askgate"), replicas)) {
            Map<String, Object> service = map(services, name);
            assertThat(durationSeconds((String) service.get("stop_grace_period"))).as(name).isGreaterThan(DRAIN_SECONDS);
            assertThat(list(service, "secrets")).singleElement()
                    .satisfies(s -> assertThat(s).containsEntry("source", "askgate").containsEntry("target", SECRETS_DIR));
            assertThat(env(service)).containsEntry("OPENAI_API_KEY_FILE", SECRETS_DIR + "/openai-key")
                    .doesNotContainKeys("OPENAI_API_KEY", "SLACK_BOT_TOKEN", "DISCORD_BOT_TOKEN");
        }
    }

    @Test
    void theDockerfileRunsAsANumericUserWithAVolumeAHealthCheckAndAnAotCache() throws IOException {
        List<String> runtime = runtimeStage(Files.readAllLines(ROOT.resolve("Dockerfile")));
        assertThat(runtime).contains("USER 10001:10001", "WORKDIR /app", "VOLUME /data", "EXPOSE 8080",
                "STOPSIGNAL SIGTERM");
        // Liveness only: the image's own `healthcheck` command, which asks GET /healthz (AskgateCommandsTest).
        assertThat(instruction(runtime, "HEALTHCHECK")).contains("CMD [", "\"/app/askgate.jar\", \"healthcheck\"]");
        assertThat(runtime).anySatisfy(line -> assertThat(line).startsWith("ENTRYPOINT")
                .contains("@/app/jvm.options", "-XX:AOTCache="));
        assertThat(Files.readString(ROOT.resolve("deploy/container/jvm.options")))
                .contains("-XX:MaxRAMPercentage=", "-XX:+ExitOnOutOfMemoryError");
    }

    @Test
    void theDockerfileCopiesThePomOfEveryModuleTheParentLists() throws IOException {
        String parent = Files.readString(ROOT.resolve("pom.xml"));
        List<String> modules = java.util.regex.Pattern.compile("<module>([^<]+)</module>").matcher(parent).results()
                .map(m -> m.group(1)).toList();
        List<String> dockerfile = Files.readAllLines(ROOT.resolve("Dockerfile"));

        assertThat(modules).contains("bot-core", "bot-server", "testkit");
        for (String module : modules) {
            assertThat(dockerfile).as("Maven reads every listed module's pom, so the image build needs it")
                    .contains("COPY " + module + "/pom.xml " + module + "/");
        }
        // The dependency layer: every pom, then a Maven run that resolves, all before the first source is copied,
        // so that a source change reuses the downloaded dependencies.
        int firstSource = indexOfFirst(dockerfile, line -> line.matches("COPY \\S+/src\\S* .*"));
        int resolve = indexOfFirst(dockerfile, line -> line.startsWith("RUN mvn "));
        int lastPom = 0;
        for (int i = 0; i < dockerfile.size(); i++) {
            if (dockerfile.get(i).matches("COPY (\\S+/)?pom\\.xml .*")) lastPom = i;
        }
        assertThat(firstSource).isPositive();
        assertThat(lastPom).isLessThan(resolve);
        assertThat(resolve).isLessThan(firstSource);
        assertThat(dockerfile.get(resolve)).doesNotContain(" -o ");
    }

    @Test
    void secretsAndLocalStateStayOutOfTheBuildContextAndTheRepository() throws IOException {
        List<String> secrets = List.of("data/", "*.key", "*.token", "*.pem", ".env*", "secrets/");
        List<String> dockerignore = Files.readAllLines(ROOT.resolve(".dockerignore"));
        // Docker matches a pattern against the context's top directory only, unless it begins with "**/".
        assertThat(dockerignore).contains(".git", "target/", "**/target")
                .containsAll(secrets.stream().map(pattern -> "**/" + pattern).toList());
        // Git matches a pattern without a slash inside at any depth.
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).containsAll(secrets);
    }

    // ---- parsing

    private static List<Map<String, Object>> documents(Path file) throws IOException {
        var yaml = new Yaml(new SafeConstructor(new LoaderOptions())); // resolves anchors and << merge keys
        var docs = new ArrayList<Map<String, Object>>();
        for (Object doc : yaml.loadAll(Files.readString(file))) {
            if (doc != null) docs.add(castMap(doc));
        }
        return docs;
    }

    private static Map<String, Object> manifest(String file, String kind) throws IOException {
        return documents(ROOT.resolve("deploy/kubernetes").resolve(file)).stream()
                .filter(doc -> kind.equals(doc.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError(file + " holds no " + kind));
    }

    private static List<Map<String, Object>> manifests(String file, String kind) throws IOException {
        return documents(ROOT.resolve("deploy/kubernetes").resolve(file)).stream()
                .filter(doc -> kind.equals(doc.get("kind"))).toList();
    }

    private static Map<String, Map<String, Object>> byMetadataName(List<Map<String, Object>> docs) {
        var byName = new java.util.LinkedHashMap<String, Map<String, Object>>();
        docs.forEach(doc -> byName.put((String) map(doc, "metadata").get("name"), doc));
        return byName;
    }

    /** A Kubernetes memory quantity in MiB ({@code 160Mi}, {@code 1Gi}). */
    private static long mebibytes(String quantity) {
        assertThat(quantity).matches("\\d+(Mi|Gi)");
        long number = Long.parseLong(quantity.substring(0, quantity.length() - 2));
        return quantity.endsWith("Gi") ? number * 1024 : number;
    }

    private static int indexOfFirst(List<String> lines, java.util.function.Predicate<String> test) {
        for (int i = 0; i < lines.size(); i++) {
            if (test.test(lines.get(i))) return i;
        }
        return -1;
    }

    /** One instruction of {@code stage} with its continuation lines joined. */
    private static String instruction(List<String> stage, String keyword) {
        int start = indexOfFirst(stage, line -> line.startsWith(keyword + " "));
        assertThat(start).as(keyword).isNotNegative();
        StringBuilder joined = new StringBuilder();
        for (int i = start; i < stage.size(); i++) {
            String line = stage.get(i);
            boolean continues = line.endsWith("\\");
            joined.append(continues ? line.substring(0, line.length() - 1) : line).append(' ');
            if (!continues) break;
        }
        return joined.toString();
    }

    /** The lines from the last FROM on, stripped. */
    private static List<String> runtimeStage(List<String> dockerfile) {
        int last = 0;
        for (int i = 0; i < dockerfile.size(); i++) {
            if (dockerfile.get(i).startsWith("FROM ")) last = i;
        }
        return dockerfile.subList(last, dockerfile.size()).stream().map(String::strip).toList();
    }

    private static int durationSeconds(String value) {
        assertThat(value).matches("\\d+s");
        return Integer.parseInt(value.substring(0, value.length() - 1));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        assertThat(parent).containsKey(key);
        return castMap(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> parent, String key) {
        assertThat(parent.get(key)).as(key).isInstanceOf(List.class);
        return ((List<Object>) parent.get(key)).stream().map(DeploymentFilesTest::castMap).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        return value instanceof List<?> items ? ((List<Object>) items).stream().map(String::valueOf).toList() : List.of();
    }

    /** A container's or a Compose service's environment as name to value (list or map form). */
    private static Map<String, String> env(Map<String, Object> owner) {
        var env = new java.util.LinkedHashMap<String, String>();
        Object value = owner.get(owner.containsKey("env") ? "env" : "environment");
        if (value instanceof List<?> entries) {
            entries.forEach(e -> env.put(String.valueOf(castMap(e).get("name")), String.valueOf(castMap(e).get("value"))));
        } else if (value instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        return env;
    }

    private static Map<String, Map<String, Object>> byName(List<Map<String, Object>> items) {
        var named = new java.util.LinkedHashMap<String, Map<String, Object>>();
        items.forEach(item -> named.put((String) item.get("name"), item));
        return named;
    }

    private static Map<String, Map<String, Object>> byMountPath(List<Map<String, Object>> mounts) {
        var byPath = new java.util.LinkedHashMap<String, Map<String, Object>>();
        mounts.forEach(mount -> byPath.put((String) mount.get("mountPath"), mount));
        return byPath;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
