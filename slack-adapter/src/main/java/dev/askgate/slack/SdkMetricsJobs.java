package dev.askgate.slack;

import com.slack.api.SlackConfig;
import com.slack.api.audit.AuditConfig;
import com.slack.api.methods.MethodsConfig;
import com.slack.api.rate_limits.metrics.MetricsDatastore;
import com.slack.api.scim.SCIMConfig;
import com.slack.api.scim2.SCIM2Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Stops the Slack SDK's metrics clean-up threads, which nothing in Askgate feeds. The SDK keeps call statistics for
 * its own asynchronous rate limiter, and each of its API configs starts a platform thread that prunes them every
 * second: its static defaults too ({@code SlackConfig.DEFAULT}'s four configs and the four
 * {@code DEFAULT_SINGLETON}s), which Askgate never calls through, and the SCIM 2 one of Askgate's own config, whose
 * stats are off ({@code SlackConfig.setStatsEnabled(false)} in SDK 1.48 closes the SCIM datastore twice and the
 * SCIM 2 one not at all). Askgate's calls go through its own config, with stats off, and its own pacers; measured:
 * 9 idle platform threads, each waking once a second, for nothing.
 */
final class SdkMetricsJobs {
    private static final Logger log = LoggerFactory.getLogger(SdkMetricsJobs.class);

    private SdkMetricsJobs() {
    }

    /** Closes the datastores above; {@code ours} must have its stats off already. Closing twice does nothing. */
    static void stopUnused(SlackConfig ours) {
        SlackConfig unused = SlackConfig.DEFAULT;
        for (MetricsDatastore datastore : List.of(ours.getSCIM2Config().getMetricsDatastore(),
                unused.getMethodsConfig().getMetricsDatastore(), unused.getAuditConfig().getMetricsDatastore(),
                unused.getSCIMConfig().getMetricsDatastore(), unused.getSCIM2Config().getMetricsDatastore(),
                MethodsConfig.DEFAULT_SINGLETON.getMetricsDatastore(), AuditConfig.DEFAULT_SINGLETON.getMetricsDatastore(),
                SCIMConfig.DEFAULT_SINGLETON.getMetricsDatastore(), SCIM2Config.DEFAULT_SINGLETON.getMetricsDatastore())) {
            try {
                datastore.close();
            } catch (Exception e) {
                log.debug("the Slack SDK's metrics datastore {} did not close: {}", datastore, e.toString());
            }
        }
    }
}
