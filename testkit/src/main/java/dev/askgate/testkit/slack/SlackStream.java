package dev.askgate.testkit.slack;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * A message the app streamed natively, as the fake holds it: where ({@code channel}, {@code ts}, in the thread
 * {@code threadTs}), for whom ({@code recipientUserId}/{@code recipientTeamId}, empty in a direct message), the
 * Markdown so far, how many {@code chat.appendStream} calls built it, and once stopped the final {@code blocks}.
 */
public record SlackStream(String channel, String ts, String threadTs, String recipientUserId,
                          String recipientTeamId, String text, int appends, boolean stopped, JsonNode blocks) {
    public SlackStream {
        text = text == null ? "" : text;
    }

    SlackStream appended(String markdown) {
        return new SlackStream(channel, ts, threadTs, recipientUserId, recipientTeamId, text + markdown, appends + 1,
                false, blocks);
    }

    SlackStream stopped(String markdown, JsonNode finalBlocks) {
        return new SlackStream(channel, ts, threadTs, recipientUserId, recipientTeamId, text + markdown, appends,
                true, finalBlocks);
    }

    /** The final blocks' {@code feedback_buttons} element, when the stream ended with one. */
    public Optional<JsonNode> feedbackButtons() {
        if (blocks == null || !blocks.isArray()) return Optional.empty();
        for (JsonNode block : blocks) {
            for (JsonNode element : block.path("elements")) {
                if ("feedback_buttons".equals(element.path("type").asText())) return Optional.of(element);
            }
        }
        return Optional.empty();
    }
}
