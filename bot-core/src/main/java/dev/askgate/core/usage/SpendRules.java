package dev.askgate.core.usage;

import dev.askgate.core.Caller;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What spend control enforces: the limits, the prices that turn tokens into dollars, the admins (exempt from
 * user limits, never from the others), and how long a reservation holds when its call is never settled (a
 * process that died mid-call).
 *
 * @param admins {@code platform:user} such as {@code slack:U0123ABCD} or {@code discord:123456789012345678}
 */
public record SpendRules(Budgets budgets, PriceTable prices, Set<String> admins, Duration hold) {
    public SpendRules {
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(prices, "prices");
        admins = Set.copyOf(admins);
        Objects.requireNonNull(hold, "hold");
        if (hold.isNegative() || hold.isZero()) throw new IllegalArgumentException("hold must be positive");
    }

    public boolean isAdmin(Caller caller) {
        return admins.contains(caller.platform().name().toLowerCase() + ":" + caller.userId());
    }
}
