package dev.askgate.core;

import org.junit.jupiter.api.Test;

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
    void anUnsafeValueCannotBeARequestId() {
        assertThatThrownBy(() -> new RequestId("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(RequestId.parse("a b")).isEmpty();
    }
}
