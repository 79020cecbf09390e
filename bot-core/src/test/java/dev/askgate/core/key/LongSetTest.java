package dev.askgate.core.key;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LongSetTest {
    @Test
    void holdsExactlyTheValuesItWasMadeOf() {
        Random random = new Random(12);
        Set<Long> values = new HashSet<>();
        while (values.size() < 2_000) values.add(random.nextLong());
        values.addAll(List.of(0L, -1L, Long.MIN_VALUE, Long.MAX_VALUE));
        LongSet set = LongSet.of(values);

        for (long value : values) assertThat(set.contains(value)).as("%d", value).isTrue();
        int absentChecked = 0;
        for (int i = 0; i < 100_000; i++) {
            long other = random.nextLong();
            if (values.contains(other)) continue;
            absentChecked++;
            assertThat(set.contains(other)).as("%d", other).isFalse();
        }
        assertThat(absentChecked).isGreaterThan(99_000);
    }

    @Test
    void anEmptySetHoldsNothing() {
        LongSet set = LongSet.of(List.of());

        assertThat(set.contains(0)).isFalse();
        assertThat(set.contains(42)).isFalse();
    }

    @Test
    void repeatedValuesAreHeldOnce() {
        LongSet set = LongSet.of(List.of(7L, 7L, 3L));

        assertThat(set.contains(7)).isTrue();
        assertThat(set.contains(3)).isTrue();
        assertThat(set.contains(5)).isFalse();
    }
}
