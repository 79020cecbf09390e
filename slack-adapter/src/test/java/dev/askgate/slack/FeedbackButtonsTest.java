package dev.askgate.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackButtonsTest {

    @Test
    void theBlocksHoldBothButtonsWhoseValuesReadBackAsTheirVotes() throws Exception {
        JsonNode blocks = new ObjectMapper().readTree(FeedbackButtons.blocksJson("req-42"));
        JsonNode buttons = blocks.get(0).get("elements").get(0);
        assertThat(blocks.get(0).get("type").asText()).isEqualTo("context_actions");
        assertThat(buttons.get("type").asText()).isEqualTo("feedback_buttons");
        assertThat(buttons.get("action_id").asText()).isEqualTo(FeedbackButtons.ACTION_ID);
        assertThat(FeedbackButtons.read(buttons.at("/positive_button/value").asText()))
                .contains(new FeedbackButtons.Click(FeedbackButtons.Vote.UP, "req-42"));
        assertThat(FeedbackButtons.read(buttons.at("/negative_button/value").asText()))
                .contains(new FeedbackButtons.Click(FeedbackButtons.Vote.DOWN, "req-42"));
    }

    @Test
    void valuesThatAreNotOursReadAsNothing() {
        assertThat(FeedbackButtons.read(null)).isEmpty();
        assertThat(FeedbackButtons.read("up")).isEmpty();
        assertThat(FeedbackButtons.read("sideways:req-1")).isEmpty();
        assertThat(FeedbackButtons.read("up:")).isEmpty();
        assertThat(FeedbackButtons.read("down:\"}],\"x\":\"")).isEmpty();
    }

    @Test
    void aRequestIdThatNeedsEscapingIsNeverPutIntoTheBlocks() {
        assertThatThrownBy(() -> FeedbackButtons.blocksJson("a\"b")).isInstanceOf(IllegalArgumentException.class);
    }
}
