package dev.askgate.slack;

import com.slack.api.model.Message;
import dev.askgate.core.Conversation;
import dev.askgate.core.Role;
import dev.askgate.core.Turn;
import dev.askgate.core.render.Presenter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Slack thread as the conversation a new question continues: oldest first, the bot's own messages as
 * assistant turns (read back by the {@link Presenter}; consecutive parts of one long answer are one turn), people's messages as user turns (with the mention of the bot taken out), the question
 * that an {@code /ask} quoted at the top of the thread as the user turn it was. Other bots and the
 * message being answered are left out.
 */
final class ThreadHistory {
    /**
     * How {@link QuestionQuote} quotes an {@code /ask} question; read back here. Slack returns the quote marker
     * it was sent as {@code >} escaped ({@code &gt;}); both forms are accepted.
     */
    private static final Pattern QUOTE = Pattern.compile(
            "^\\*<@[A-Z0-9]+> asked:\\*\\n((?:(?:>|&gt;) .*(?:\\n|$))+)", Pattern.DOTALL);
    private static final Pattern QUOTE_MARKER = Pattern.compile("(?m)^(?:>|&gt;) ?");

    private final SlackWebApi api;
    private final Presenter presenter;
    private final String botUserId;
    private final String botId;

    ThreadHistory(SlackWebApi api, Presenter presenter, String botUserId, String botId) {
        this.api = api;
        this.presenter = presenter;
        this.botUserId = botUserId == null ? "" : botUserId;
        this.botId = botId == null ? "" : botId;
    }

    /** The turns of the thread {@code threadTs} before the message {@code currentTs}. */
    Conversation before(String channel, String threadTs, String currentTs) {
        List<Turn> turns = new ArrayList<>();
        for (Message m : api.replies(channel, threadTs)) {
            if (m.getTs() == null || m.getTs().equals(currentTs) || m.getTs().compareTo(currentTs) > 0) continue;
            if (m.getSubtype() != null && !"bot_message".equals(m.getSubtype()) && !"thread_broadcast".equals(m.getSubtype())) {
                continue;
            }
            String text = m.getText() == null ? "" : m.getText();
            if (isOwn(m)) {
                Matcher quote = QUOTE.matcher(text);
                if (quote.find()) {
                    turns.add(Turn.user(SlackText.plain(QUOTE_MARKER.matcher(quote.group(1)).replaceAll(""))));
                } else {
                    addAnswer(turns, presenter.answerIn(text));
                }
            } else if (m.getBotId() == null || m.getBotId().isEmpty()) {
                String question = SlackText.plain(SlackText.withoutMention(text, botUserId));
                if (!question.isBlank()) turns.add(Turn.user(question));
            }
        }
        return new Conversation(turns);
    }

    private void addAnswer(List<Turn> turns, String answer) {
        if (answer.isBlank()) return;
        if (!turns.isEmpty() && turns.getLast().role() == Role.ASSISTANT) {
            turns.set(turns.size() - 1, Turn.assistant(presenter.joinParts(turns.getLast().text(), answer)));
        } else {
            turns.add(Turn.assistant(answer));
        }
    }

    private boolean isOwn(Message m) {
        return botUserId.equals(m.getUser()) || (!botId.isEmpty() && botId.equals(m.getBotId()));
    }
}
