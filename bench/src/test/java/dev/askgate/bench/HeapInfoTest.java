package dev.askgate.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The footprint case's heap figure read from {@code jcmd GC.heap_info}, as JDK 25 prints it for each collector. */
class HeapInfoTest {
    @Test
    void serialSumsItsGenerationsAndLeavesMetaspaceOut() {
        String serial = """
                DefNew     total 116160K, used 1024K [0x0000000687400000, 0x000000068f200000, 0x0000000704d50000)
                 eden space 103296K,  30% used [0x0000000687400000, 0x000000068924b568, 0x000000068d8e0000)
                 from space 12864K,   0% used [0x000000068d8e0000, 0x000000068d8e0000, 0x000000068e570000)
                Tenured    total 258048K, used 9216K [0x0000000704d50000, 0x0000000714950000, 0x0000000800000000)
                 the  space 258048K,   0% used [0x0000000704d50000, 0x0000000704e73ab8, 0x0000000714950000)
                 Metaspace       total 20736K, used 20480K
                  class space    total 2176K, used 2048K
                """;
        assertThat(ServedAskgate.heapUsedMiB(serial)).isEqualTo(10.0);
    }

    @Test
    void g1ReadsItsOneHeapLine() {
        String g1 = """
                garbage-first heap   total reserved 6172672K, committed 393216K, used 12800K [0x0000000687400000, 0x0000000800000000)
                 region size 4096K, 3 young (12288K), 1 survivors (4096K)
                 Metaspace       used 20480K, committed 20736K, reserved 1114112K
                """;
        assertThat(ServedAskgate.heapUsedMiB(g1)).isEqualTo(12.5);
    }

    @Test
    void shenandoahReadsUsedInWhicheverUnitItPrints() {
        assertThat(ServedAskgate.heapUsedMiB("Shenandoah Heap\n 6028M max, 6028M soft max, 408M committed, 30720K used\n"))
                .isEqualTo(30.0);
        assertThat(ServedAskgate.heapUsedMiB("Shenandoah Heap\n 6028M max, 6028M soft max, 408M committed, 56M used\n"))
                .isEqualTo(56.0);
        assertThat(ServedAskgate.heapUsedMiB("Shenandoah Heap\n 8G max, 8G soft max, 4G committed, 2G used\n"))
                .isEqualTo(2048.0);
    }

    @Test
    void anOutputWithoutAHeapIsAnError() {
        assertThatThrownBy(() -> ServedAskgate.heapUsedMiB(" Metaspace       used 20480K, committed 20736K, reserved 1114112K\n"))
                .isInstanceOf(IllegalStateException.class);
    }
}
