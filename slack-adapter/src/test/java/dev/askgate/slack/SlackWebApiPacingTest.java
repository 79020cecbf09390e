package dev.askgate.slack;

import com.slack.api.Slack;
import dev.askgate.core.config.Secret;
import dev.askgate.core.render.EditPacer;
import dev.askgate.testkit.slack.FakeSlack;
import dev.askgate.testkit.slack.SlackCall;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts through the Web API caller over a real socket: paced per channel, and a channel's backlog bounded. */
class SlackWebApiPacingTest {

    @Test
    void postsInOneChannelAreSpacedBySlacksLimitAndOtherChannelsDoNotWait() throws Exception {
        try (FakeSlack fake = new FakeSlack(SlackHarness.BOT_TOKEN, SlackHarness.APP_TOKEN)) {
            SlackWebApi api = api(fake, SlackWebApi.LONGEST_POST_WAIT, Clock.systemUTC());
            List<Future<String>> posts = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 3; i++) posts.add(threads.submit(() -> api.postMessage("C0ONE", "", "one")));
                posts.add(threads.submit(() -> api.postMessage("C0TWO", "", "two")));
                for (Future<String> f : posts) f.get();
            }
            List<SlackCall> one = fake.calls("chat.postMessage").stream().filter(c -> c.param("channel").equals("C0ONE")).toList();
            assertThat(one).hasSize(3);
            // Two at once (Slack allows short bursts), the third booked 2 s after; arrival jitters, the spacing stays.
            assertThat(Duration.between(one.getFirst().at(), one.getLast().at())).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            SlackCall two = fake.awaitCall("chat.postMessage", c -> c.param("channel").equals("C0TWO"));
            assertThat(two.at()).isBefore(one.getLast().at());
        }
    }

    @Test
    void aPostThatWouldWaitLongerThanTheBoundIsRefusedInsteadOfQueued() throws Exception {
        try (FakeSlack fake = new FakeSlack(SlackHarness.BOT_TOKEN, SlackHarness.APP_TOKEN)) {
            // The pacer's clock stands still, so that the slots do not depend on how fast the threads start.
            SlackWebApi api = api(fake, Duration.ofMillis(1500), Clock.fixed(Instant.now(), ZoneOffset.UTC));
            api.postMessage("C0ONE", "", "first");

            // The next slots are 0, 2, 2 and 4 s away (two posts in any 2 s): only the first is within the bound; a
            // refused post gives its slot back, so whatever the order, exactly one of four is posted and three are refused.
            List<Future<String>> queued = new ArrayList<>();
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 4; i++) {
                    String text = "queued " + i;
                    queued.add(threads.submit(() -> api.postMessage("C0ONE", "", text)));
                }
            }
            List<String> refusals = new ArrayList<>();
            for (Future<String> f : queued) {
                try {
                    f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    refusals.add(((SlackCallFailed) e.getCause()).error());
                }
            }
            assertThat(refusals).containsExactly("backlog", "backlog", "backlog");
            assertThat(fake.calls("chat.postMessage")).hasSize(2);
        }
    }

    private static SlackWebApi api(FakeSlack fake, Duration longestWait, Clock clock) {
        SlackConfig settings = new SlackConfig(new Secret(SlackHarness.BOT_TOKEN),
                new SlackConfig.Connection.SocketMode(new Secret(SlackHarness.APP_TOKEN)), fake.apiUrl(), true,
                Duration.ofMillis(100), SlackConfig.AccessLists.OPEN);
        Slack slack = SlackBolt.client(settings, new OkHttpClient());
        return new SlackWebApi(slack, SlackHarness.BOT_TOKEN, new WebApiRetry(Duration.ofMillis(50)),
                EditPacer.forSlackPosts(clock), EditPacer.forSlack(Duration.ofMillis(100), Clock.systemUTC()),
                longestWait);
    }
}
