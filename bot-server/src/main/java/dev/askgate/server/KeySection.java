package dev.askgate.server;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code keys: {slack:TEAM | discord:GUILD: {env: VARIABLE | file: PATH, project: proj_…}}}: where another key is,
 * never the key itself. A value that looks like a key is refused without being quoted.
 */
final class KeySection {
    private static final List<String> FIELDS = List.of("env", "file", "project");
    private static final Pattern PLACE = Pattern.compile("(slack|discord):[A-Za-z0-9_-]+");
    private static final Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern KEY_SHAPE = Pattern.compile("(^|[^A-Za-z0-9])sk-[A-Za-z0-9_-]{16,}");

    private final ConfigNodes nodes;

    KeySection(ConfigNodes nodes) {
        this.nodes = nodes;
    }

    List<WorkspaceKey> read(JsonNode keys) {
        List<WorkspaceKey> read = new ArrayList<>();
        if (!nodes.mapping(keys, "keys")) return read;
        List<String> places = new ArrayList<>();
        keys.fieldNames().forEachRemaining(places::add);
        for (String place : places) {
            String path = "keys." + place;
            if (!PLACE.matcher(place).matches()) {
                nodes.problem(path + ": name a Slack team or Discord guild as slack:T0123ABCD or discord:1234…");
                continue;
            }
            JsonNode node = keys.get(place);
            if (!nodes.mapping(node, path)) continue;
            nodes.onlyKnown(node, path, FIELDS);
            Optional<String> env = secretFree(nodes.text(node.path("env"), path + ".env"), path + ".env");
            Optional<String> file = secretFree(nodes.text(node.path("file"), path + ".file"), path + ".file");
            Optional<String> project = secretFree(nodes.text(node.path("project"), path + ".project"), path + ".project");
            if (env.isPresent() == file.isPresent()) {
                nodes.problem(path + " needs exactly one of env (a variable's name) or file (a path)");
                continue;
            }
            if (env.isPresent() && !VARIABLE.matcher(env.get()).matches()) {
                nodes.problem(path + ".env must be the name of an environment variable");
                continue;
            }
            read.add(new WorkspaceKey(place, env, file.map(Path::of), project));
        }
        return read;
    }

    private Optional<String> secretFree(Optional<String> value, String path) {
        if (value.isPresent() && KEY_SHAPE.matcher(value.get()).find()) {
            nodes.problem(path + " looks like an API key itself: put the key in an environment variable or a file "
                    + "and name that here");
            return Optional.empty();
        }
        return value;
    }
}
