package io.jenkins.plugins.awsrollout.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The heap one rollout holds, simulator included: the heap in use after a full GC at the end of the rollout (the
 * simulator, its call log and the rollout's state), less what was in use after a full GC at its start.
 */
final class HeapWatch {

    private final long before;

    private HeapWatch(long before) {
        this.before = before;
    }

    static HeapWatch start() {
        System.gc();
        return new HeapWatch(heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum());
    }

    /** Bytes in use after a full GC now, above those in use at the start. */
    long retained() {
        System.gc();
        return Math.max(0, heapPools().stream().mapToLong(p -> p.getUsage().getUsed()).sum() - before);
    }

    private static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP && p.isValid()).toList();
    }
}
