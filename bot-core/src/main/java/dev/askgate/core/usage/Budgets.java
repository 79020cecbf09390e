package dev.askgate.core.usage;

import dev.askgate.core.Caller;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The configured limits, and which of them a caller's call is charged against: its user, channel, workspace
 * and the global budget. Pure: admission turns the result into a {@link ReservationRequest}.
 */
public record Budgets(List<BudgetLimit> limits) {
    public static final Budgets NONE = new Budgets(List.of());

    public Budgets {
        limits = List.copyOf(limits);
        for (int i = 0; i < limits.size(); i++) {
            for (int j = i + 1; j < limits.size(); j++) {
                if (limits.get(i).scope() == limits.get(j).scope() && limits.get(i).metric() == limits.get(j).metric()) {
                    throw new IllegalArgumentException(limits.get(i).path() + " is set twice");
                }
            }
        }
    }

    /** Whether any limit counts money, so that every model in use needs a price. */
    public boolean countsMoney() {
        return limits.stream().anyMatch(limit -> limit.metric().isMoney());
    }

    /**
     * The charges for one call of {@code caller} whose worst case is {@code tokens} and {@code usd};
     * {@code exemptFromUserLimits} (an admin) skips the user's own limits, never the others.
     */
    public List<BudgetCharge> charges(Caller caller, long tokens, BigDecimal usd, boolean exemptFromUserLimits) {
        Objects.requireNonNull(caller, "caller");
        List<BudgetCharge> charges = new ArrayList<>();
        for (BudgetLimit limit : limits) {
            if (exemptFromUserLimits && limit.scope() == BudgetScope.USER) continue;
            charges.add(new BudgetCharge(limit, subject(limit.scope(), caller), limit.metric().worstCase(tokens, usd)));
        }
        return charges;
    }

    /** The counter a caller's spend is kept under for {@code scope}: stable across replicas and restarts. */
    public static String subject(BudgetScope scope, Caller caller) {
        String platform = caller.platform().name().toLowerCase();
        return switch (scope) {
            case USER -> caller.userKey();
            case CHANNEL -> platform + ":" + caller.workspaceId() + ":" + caller.channelId();
            case WORKSPACE -> platform + ":" + caller.workspaceId();
            case GLOBAL -> BudgetCharge.GLOBAL_SUBJECT;
        };
    }
}
