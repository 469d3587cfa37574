package io.jenkins.plugins.awsrollout.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The most heap one rollout took, simulator included: the heap pools' peak usage since {@link #start()} (after a full
 * GC), less what was in use then. The pools peak at different moments, so their sum is an upper bound.
 */
final class HeapWatch {

    private final long before;

    private HeapWatch(long before) {
        this.before = before;
    }

    static HeapWatch start() {
        System.gc();
        List<MemoryPoolMXBean> pools = heapPools();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        return new HeapWatch(pools.stream().mapToLong(p -> p.getUsage().getUsed()).sum());
    }

    /** Bytes above the heap in use at the start, at the peak. */
    long peak() {
        return Math.max(0, heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() - before);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    }
}
