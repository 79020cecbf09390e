package dev.askgate.slack;

import com.slack.api.Slack;
import com.slack.api.audit.AuditConfig;
import com.slack.api.methods.MethodsConfig;
import com.slack.api.rate_limits.metrics.MetricsDatastore;
import com.slack.api.scim.SCIMConfig;
import com.slack.api.scim2.SCIM2Config;
import dev.askgate.core.config.Secret;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Askgate's Slack client leaves none of the SDK's metrics clean-up jobs running, its own or the SDK's defaults. */
class SdkMetricsJobsTest {

    @Test
    void theClientStopsEveryMetricsJobOfItsOwnConfigAndOfTheSdkDefaults() {
        SlackConfig settings = new SlackConfig(new Secret(SlackHarness.BOT_TOKEN),
                new SlackConfig.Connection.SocketMode(new Secret(SlackHarness.APP_TOKEN)), "http://127.0.0.1:9/api/",
                true, Duration.ofSeconds(5), SlackConfig.AccessLists.OPEN);

        Slack slack = SlackBolt.client(settings, new OkHttpClient());

        com.slack.api.SlackConfig ours = slack.getConfig();
        com.slack.api.SlackConfig defaults = com.slack.api.SlackConfig.DEFAULT;
        List<MetricsDatastore> datastores = List.of(ours.getMethodsConfig().getMetricsDatastore(),
                ours.getAuditConfig().getMetricsDatastore(), ours.getSCIMConfig().getMetricsDatastore(),
                ours.getSCIM2Config().getMetricsDatastore(), defaults.getMethodsConfig().getMetricsDatastore(),
                defaults.getAuditConfig().getMetricsDatastore(), defaults.getSCIMConfig().getMetricsDatastore(),
                defaults.getSCIM2Config().getMetricsDatastore(), MethodsConfig.DEFAULT_SINGLETON.getMetricsDatastore(),
                AuditConfig.DEFAULT_SINGLETON.getMetricsDatastore(), SCIMConfig.DEFAULT_SINGLETON.getMetricsDatastore(),
                SCIM2Config.DEFAULT_SINGLETON.getMetricsDatastore());
        assertThat(datastores).allSatisfy(datastore -> assertThat(datastore.isClosed()).isTrue());
    }
}
