package dev.askgate.core.render;

import dev.askgate.core.ChatOutcome;
import dev.askgate.core.Usage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/** StreamingReply on real threads: its renderer (a virtual thread) races the stream and the finish. */
class StreamingReplyThreadsTest {

    @Test
    void onRealThreadsTheMessagesEndWithExactlyTheFinalText() throws Exception {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            Clock clock = Clock.systemUTC();
            RecordingTarget target = new RecordingTarget(clock);
            EditPacer pacer = new EditPacer(Duration.ofMillis(20), 1000, Duration.ofSeconds(1), clock);
            StreamingReply reply = new StreamingReply(target, new MessageSplitter(200), pacer, "c",
                    EditScheduler.onVirtualThreads(timer));
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < 300; i++) {
                String piece = (i % 40 == 39 ? "\n\n" : "") + "token" + i + " ";
                text.append(piece);
                reply.delta(piece);
                if (i % 50 == 0) Thread.sleep(25); // let some paced edits run mid-stream
            }
            String answer = text.toString().strip();

            FinishResult result = reply.finish(new ChatOutcome.Answered(answer, Usage.NONE, "m", "stop"), "",
                    Duration.ofSeconds(30));

            assertThat(result).isInstanceOf(FinishResult.Shown.class);

            assertThat(target.texts()).isEqualTo(new MessageSplitter(200).split(answer));
        } finally {
            timer.shutdownNow();
        }
    }
}
