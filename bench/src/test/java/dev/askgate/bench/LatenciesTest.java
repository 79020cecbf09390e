package dev.askgate.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class LatenciesTest {

    @Test
    void percentilesAreNearestRankOverTheSortedValues() {
        Latencies hundred = new Latencies(IntStream.rangeClosed(1, 100).mapToObj(i -> (double) (101 - i)).toList());

        assertThat(hundred.p50()).isEqualTo(50);
        assertThat(hundred.p95()).isEqualTo(95);
        assertThat(hundred.p99()).isEqualTo(99);
        assertThat(hundred.max()).isEqualTo(100);
    }

    @Test
    void aSingleValueIsEveryPercentileAndNothingMeasuredIsZero() {
        assertThat(new Latencies(List.of(7.0)).p99()).isEqualTo(7);
        assertThat(new Latencies(List.of()).p50()).isZero();
        assertThat(new Latencies(List.of()).max()).isZero();
    }

    @Test
    void subtractingTheModelsTimeNeverGoesBelowZero() {
        assertThat(new Latencies(List.of(5.0, 120.0)).minus(100).millis()).containsExactly(0.0, 20.0);
    }
}
