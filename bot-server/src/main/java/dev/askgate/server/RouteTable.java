package dev.askgate.server;

import dev.askgate.core.http.HttpRoute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the route for a method and an exact path. {@code HEAD} is answered by the {@code GET} route (the server
 * drops the body); another method on a known path is 405 with {@code Allow}, an unknown path 404.
 */
final class RouteTable {
    private final Map<String, HttpRoute> routes = new HashMap<>();
    private final Map<String, TreeSet<String>> methods = new HashMap<>();

    RouteTable(List<HttpRoute> routes) {
        routes.forEach(this::add);
    }

    Optional<HttpRoute> find(String method, String path) {
        HttpRoute route = routes.get(key(method, path));
        if (route == null && "HEAD".equals(method)) route = routes.get(key("GET", path));
        return Optional.ofNullable(route);
    }

    boolean knows(String path) {
        return methods.containsKey(path);
    }

    /** The {@code Allow} value for a known path. */
    String allowed(String path) {
        return String.join(", ", methods.getOrDefault(path, new TreeSet<>()));
    }

    private void add(HttpRoute route) {
        if (routes.putIfAbsent(key(route.method(), route.path()), route) != null) {
            throw new IllegalArgumentException("two routes for " + route.method() + " " + route.path());
        }
        TreeSet<String> allowed = methods.computeIfAbsent(route.path(), p -> new TreeSet<>());
        allowed.add(route.method());
        if ("GET".equals(route.method())) allowed.add("HEAD");
    }

    private static String key(String method, String path) {
        return method + " " + path;
    }
}
