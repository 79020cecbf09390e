package dev.askgate.bench;

import java.time.Duration;

/** CPU time as the cases report it: this process's (the fakes, the load, the bench's bookkeeping), per item. */
final class CpuTime {
    private CpuTime() {
    }

    /** CPU time this process has used so far, every thread of it. */
    static Duration ofBench() {
        return ProcessHandle.current().info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("the OS reports no CPU time for the bench"));
    }

    /** {@code cpu} spread over {@code items}, in milliseconds; NaN when there were none. */
    static double perItemMs(Duration cpu, int items) {
        return items == 0 ? Double.NaN : cpu.toNanos() / 1e6 / items;
    }
}
