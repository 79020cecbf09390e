package dev.askgate.testkit.slack;

import java.time.Duration;
import java.util.Map;

/** What the app answered to one request Slack posted to it over HTTP, and how long it took. */
public record HttpDelivery(int status, String body, Map<String, String> headers, Duration after) {
}
