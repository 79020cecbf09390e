package dev.askgate.server;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.askgate.core.usage.FeedbackLine;
import dev.askgate.core.usage.ReportLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The text of a usage report in one of its formats. Costs are shown in USD to six places (a millionth of a
 * dollar, below the cheapest single call), so that every format shows the same numbers.
 */
final class UsageReportText {
    private static final String[] NUMBER_COLUMNS = {"requests", "prompt", "cached", "cache_write", "completion",
            "reasoning", "cost_usd", "estimated"};
    private final ObjectMapper json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    /** The report; {@code cut} says that the ledger starts after {@code query.since()}. */
    String render(UsageQuery query, List<ReportLine> lines, Optional<Instant> oldestRow, boolean cut) {
        return switch (query.format()) {
            case TABLE -> table(query, lines);
            case CSV -> csv(query, lines);
            case JSON -> json(query, lines, oldestRow, cut);
        };
    }

    private static String table(UsageQuery query, List<ReportLine> lines) {
        List<String[]> rows = new ArrayList<>();
        String[] header = new String[NUMBER_COLUMNS.length + 1];
        header[0] = name(query);
        System.arraycopy(NUMBER_COLUMNS, 0, header, 1, NUMBER_COLUMNS.length);
        rows.add(header);
        lines.forEach(line -> rows.add(cells(line.group(), line)));
        rows.add(cells("total", total(lines)));
        int[] widths = new int[header.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        StringBuilder text = new StringBuilder("Usage since ").append(query.since()).append(" by ")
                .append(name(query)).append(" (UTC)\n");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(pad(row[0], widths[0], false));
            for (int i = 1; i < row.length; i++) line.append("  ").append(pad(row[i], widths[i], true));
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    /**
     * The votes on answers since {@code since}, per model, as a table under the usage table; empty when there are none.
     * Each person's latest vote per answer counts once (a changed vote replaces the earlier one).
     */
    static String feedbackTable(Instant since, List<FeedbackLine> lines) {
        if (lines.isEmpty()) return "";
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"model", "up", "down"});
        for (FeedbackLine line : lines) {
            rows.add(new String[] {line.model().isEmpty() ? "(no ledger row)" : line.model(),
                    Long.toString(line.up()), Long.toString(line.down())});
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) widths[i] = Math.max(widths[i], row[i].length());
        }
        StringBuilder text = new StringBuilder("\nAnswer feedback (👍 up / 👎 down) since ").append(since)
                .append(" by model (UTC)\n");
        for (String[] row : rows) {
            text.append(pad(row[0], widths[0], false)).append("  ").append(pad(row[1], widths[1], true))
                    .append("  ").append(pad(row[2], widths[2], true)).append('\n');
        }
        return text.toString();
    }

    private static String csv(UsageQuery query, List<ReportLine> lines) {
        StringBuilder text = new StringBuilder(name(query)).append(",requests,prompt_tokens,cached_tokens,"
                + "cache_write_tokens,completion_tokens,reasoning_tokens,cost_usd,estimated_requests\n");
        for (ReportLine line : lines) {
            String[] cells = cells(csvField(line.group()), line);
            text.append(String.join(",", cells)).append('\n');
        }
        return text.toString();
    }

    private String json(UsageQuery query, List<ReportLine> lines, Optional<Instant> oldestRow, boolean cut) {
        ObjectNode root = json.createObjectNode();
        root.put("since", query.since().toString());
        root.put("by", name(query));
        root.put("oldest_row", oldestRow.map(Instant::toString).orElse(null));
        root.put("cut", cut);
        ArrayNode array = root.putArray("lines");
        for (ReportLine line : lines) {
            array.addObject().put("group", line.group()).put("requests", line.requests())
                    .put("prompt_tokens", line.promptTokens()).put("cached_tokens", line.cachedTokens())
                    .put("cache_write_tokens", line.cacheWriteTokens())
                    .put("completion_tokens", line.completionTokens())
                    .put("reasoning_tokens", line.reasoningTokens()).put("cost_usd", usd(line.costUsd()))
                    .put("estimated_requests", line.estimatedRequests());
        }
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a usage report could not be written as JSON", e);
        }
    }

    private static String[] cells(String group, ReportLine line) {
        return new String[] {group, Long.toString(line.requests()), Long.toString(line.promptTokens()),
                Long.toString(line.cachedTokens()), Long.toString(line.cacheWriteTokens()),
                Long.toString(line.completionTokens()), Long.toString(line.reasoningTokens()),
                usd(line.costUsd()).toPlainString(), Long.toString(line.estimatedRequests())};
    }

    private static ReportLine total(List<ReportLine> lines) {
        ReportLine sum = new ReportLine("total", 0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0);
        for (ReportLine l : lines) {
            sum = new ReportLine("total", sum.requests() + l.requests(), sum.promptTokens() + l.promptTokens(),
                    sum.cachedTokens() + l.cachedTokens(), sum.cacheWriteTokens() + l.cacheWriteTokens(),
                    sum.completionTokens() + l.completionTokens(), sum.reasoningTokens() + l.reasoningTokens(),
                    sum.costUsd().add(l.costUsd()), sum.estimatedRequests() + l.estimatedRequests());
        }
        return sum;
    }

    private static BigDecimal usd(BigDecimal cost) {
        return cost.setScale(6, RoundingMode.HALF_UP);
    }

    private static String name(UsageQuery query) {
        return query.by().name().toLowerCase(Locale.ROOT);
    }

    private static String pad(String cell, int width, boolean right) {
        String space = " ".repeat(width - cell.length());
        return right ? space + cell : cell + space;
    }

    /** Quoted when it holds a comma, a quote or a line break (RFC 4180). */
    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0) return value;
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
