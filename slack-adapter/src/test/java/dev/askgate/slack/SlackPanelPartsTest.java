package dev.askgate.slack;

import com.slack.api.model.assistant.AssistantThreadContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The small parts of the assistant panel: thread titles, the bounded context store, the situation line. */
class SlackPanelPartsTest {

    @Test
    void aTitleIsTheQuestionsFirstLineCutAtAWordWithAnEllipsis() {
        assertThat(SlackThreadTitles.titleOf("  What is a\tmonad?\nMore detail here")).isEqualTo("What is a monad?");
        String long_ = "How do I configure the deployment pipeline so that staging and production use different keys";
        String title = SlackThreadTitles.titleOf(long_);
        assertThat(title).hasSizeLessThanOrEqualTo(SlackThreadTitles.MAX_TITLE).endsWith("…");
        assertThat(long_).startsWith(title.substring(0, title.length() - 1));
        assertThat(title.charAt(title.length() - 2)).isNotEqualTo(' ');
    }

    @Test
    void theContextStoreForgetsTheLeastRecentlyUsedThreadBeyondItsCapacity() {
        SlackPanelContexts contexts = new SlackPanelContexts(2);
        contexts.saveCurrentContext("D1", "1.0", AssistantThreadContext.builder().channelId("C1").build());
        contexts.saveCurrentContext("D1", "2.0", AssistantThreadContext.builder().channelId("C2").build());
        contexts.findCurrentContext("D1", "1.0");
        contexts.saveCurrentContext("D1", "3.0", AssistantThreadContext.builder().channelId("C3").build());

        assertThat(contexts.size()).isEqualTo(2);
        assertThat(contexts.findCurrentContext("D1", "2.0")).isEmpty();
        assertThat(contexts.findCurrentContext("D1", "1.0")).get().extracting(AssistantThreadContext::getChannelId)
                .isEqualTo("C1");
    }

    @Test
    void theSituationNamesOnlyAWellFormedChannelId() {
        assertThat(SlackAssistantThreads.situation(AssistantThreadContext.builder().channelId("C0ABC").build()))
                .startsWith("The person is viewing the Slack channel <#C0ABC>");
        assertThat(SlackAssistantThreads.situation(AssistantThreadContext.builder().channelId("<!here>").build()))
                .isEmpty();
        assertThat(SlackAssistantThreads.situation(null)).isEmpty();
    }
}
