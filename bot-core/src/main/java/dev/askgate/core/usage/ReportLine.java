package dev.askgate.core.usage;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One group of a usage report: the group's name (such as {@code slack:U1}, a model, or a key's name and
 * redacted form), the number of calls, token sums and cost; {@code estimatedRequests} of the calls had
 * estimated usage.
 */
public record ReportLine(String group, long requests, long promptTokens, long cachedTokens, long cacheWriteTokens,
                         long completionTokens, long reasoningTokens, BigDecimal costUsd, long estimatedRequests) {
    public ReportLine {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(costUsd, "costUsd");
    }
}
