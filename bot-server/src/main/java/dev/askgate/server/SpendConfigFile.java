package dev.askgate.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.askgate.core.config.Settings;
import dev.askgate.core.usage.Budgets;
import dev.askgate.core.usage.PriceTable;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the YAML file named by {@code ASKGATE_CONFIG} into a {@link SpendConfig}. Every problem is reported at once
 * with the key's path, as the environment's are: unknown keys, wrong types, a USD limit without a price for the
 * model in use. Values are quoted only where they cannot be secrets (a key never belongs in this file).
 */
final class SpendConfigFile {
    static final String VARIABLE = "ASKGATE_CONFIG";
    private static final List<String> TOP = List.of("prices", "limits", "admins", "alerts", "keys");

    private final Settings settings;
    private final String prefix;
    private final ConfigNodes nodes;

    private SpendConfigFile(Settings settings, Path file) {
        this.settings = settings;
        this.prefix = VARIABLE + " (" + file + "): ";
        this.nodes = new ConfigNodes(line -> settings.problem(prefix + line));
    }

    /** The file's spend configuration for {@code model} (OPENAI_MODEL), or the defaults when no file is named. */
    static SpendConfig read(Settings settings, String model) {
        Optional<String> name = settings.string(VARIABLE);
        if (name.isEmpty()) return SpendConfig.defaults();
        Path file = Path.of(name.get().strip());
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            settings.problem(VARIABLE + " (" + file + ") is not valid YAML" + (at == null ? "" : " at line "
                    + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage());
            return SpendConfig.defaults();
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException || !file.toFile().exists() ? "there is no such file"
                    : e.getClass().getSimpleName();
            settings.problem(VARIABLE + " cannot be read (" + file + "): " + why);
            return SpendConfig.defaults();
        }
        return new SpendConfigFile(settings, file).parse(root == null ? MissingNode.getInstance() : root, model);
    }

    private SpendConfig parse(JsonNode root, String model) {
        if (!root.isMissingNode() && !root.isNull() && !root.isObject()) {
            settings.problem(prefix + "the file must be a mapping of " + String.join(", ", TOP));
            return SpendConfig.defaults();
        }
        nodes.onlyKnown(root, "", TOP);
        PriceTable prices = new PriceSection(nodes).read(root.path("prices"));
        Budgets budgets = new LimitSection(nodes).read(root.path("limits"));
        if (budgets.countsMoney() && prices.price(model).isEmpty()) {
            String limit = budgets.limits().stream().filter(l -> l.metric().isMoney()).findFirst().orElseThrow().path();
            settings.problem(prefix + limit + " needs a price for the model " + model + " (OPENAI_MODEL): set prices."
                    + model + ", 0 for a free local model");
        }
        Set<String> admins = admins(root.path("admins"));
        AlertsConfig alerts = new AlertSection(nodes).read(root.path("alerts"));
        List<WorkspaceKey> keys = new KeySection(nodes).read(root.path("keys"));
        List<PlaceKey> sources = PlaceKeys.resolve(settings, prefix, keys);
        return new SpendConfig(prices, budgets, admins, alerts, keys, sources, true);
    }

    /** {@code admins: {slack: [U…], discord: ["…"]}} as {@code slack:U…} and {@code discord:…}. */
    private Set<String> admins(JsonNode node) {
        Set<String> admins = new TreeSet<>();
        if (!nodes.mapping(node, "admins")) return admins;
        nodes.onlyKnown(node, "admins", List.of("slack", "discord"));
        for (String platform : List.of("slack", "discord")) {
            JsonNode ids = node.path(platform);
            String path = "admins." + platform;
            if (ids.isMissingNode() || ids.isNull()) continue;
            if (!ids.isArray()) {
                nodes.problem(path + " must be a list of user ids");
                continue;
            }
            for (int i = 0; i < ids.size(); i++) {
                JsonNode id = ids.get(i);
                if ((id.isTextual() || id.isIntegralNumber()) && !id.asText().isBlank()) {
                    admins.add(platform + ":" + id.asText().strip());
                } else {
                    nodes.problem(path + "[" + i + "] must be a user id");
                }
            }
        }
        return admins;
    }
}
