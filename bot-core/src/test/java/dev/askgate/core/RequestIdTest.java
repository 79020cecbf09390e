package dev.askgate.core;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestIdTest {

    @Test
    void aSaneClientIdIsKeptAsItIs() {
        assertThat(RequestId.fromHeaderOrNew("req-42.a:b_C").value()).isEqualTo("req-42.a:b_C");
    }

    @Test
    void aMissingEmptyLongOrUnsafeClientIdIsReplacedByANewOne() {
        for (String given : new String[] {null, "", "x".repeat(65), "two words", "line\nbreak", "quote\"d"}) {
            RequestId id = RequestId.fromHeaderOrNew(given);
            assertThat(id.value()).as(String.valueOf(given)).matches("[0-9a-f]{12}").isNotEqualTo(given);
        }
    }

    @Test
    void generatedIdsDifferAndAreSafe() {
        RequestId one = RequestId.generate();
        RequestId two = RequestId.generate();

        assertThat(one).isNotEqualTo(two);
        assertThat(RequestId.parse(one.value())).contains(one);
    }

    @Test
    void idsGeneratedOnManyThreadsAtOnceAreTwelveHexDigitsAndAllDifferent() throws Exception {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 100; t++) {
                threads.submit(() -> {
                    for (int i = 0; i < 100; i++) ids.add(RequestId.generate().value());
                });
            }
        }
        assertThat(ids).hasSize(10_000).allMatch(id -> id.matches("[0-9a-f]{12}"));
    }

    @Test
    void anUnsafeValueCannotBeARequestId() {
        assertThatThrownBy(() -> new RequestId("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestId.parse("a b")).isEmpty();
    }
}
