package io.jenkins.plugins.awsrollout.steps;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The plugin-owned pool that runs ticks. Jenkins' shared {@code Timer} only dispatches to it, so slow AWS calls
 * never hold the Timer threads other plugins rely on. The pool is fixed: 200 rollouts waiting cost no threads, and
 * their ticks queue for {@link #SIZE} workers.
 */
final class OperationWorkers {

    static final int SIZE = Integer.getInteger(OperationWorkers.class.getName() + ".size", 8);

    private OperationWorkers() {}

    static ExecutorService create(String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(
                SIZE, SIZE, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads(name));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static ThreadFactory threads(String name) {
        ClassLoader loader = OperationWorkers.class.getClassLoader();
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            // The AWS SDK discovers some services through the context class loader.
            thread.setContextClassLoader(loader);
            return thread;
        };
    }
}
