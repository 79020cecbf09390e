package dev.askgate.testkit.slack;

import java.util.Map;

/**
 * One {@code assistant.threads.*} call the app made: {@code kind} is {@code setStatus}, {@code setSuggestedPrompts}
 * or {@code setTitle}; {@code order} a ts-like key that orders it among the thread's messages; {@code params} as sent
 * ({@code status}, {@code loading_messages}, {@code prompts}, {@code title}; JSON arrays as JSON text).
 */
public record AssistantCall(String kind, String channel, String threadTs, String order, Map<String, String> params) {
}
