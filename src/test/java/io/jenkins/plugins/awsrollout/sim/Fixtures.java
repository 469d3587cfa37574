package io.jenkins.plugins.awsrollout.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Shared worlds and helpers for the simulator's own tests. */
public final class Fixtures {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Fixtures() {}

    /**
     * us-east-1 with AMIs {@code base-v1} and {@code base-v2}, launch template {@code web-lt}
     * (version 1 on base-v1, version 2 on base-v2), target group {@code web-tg} (30 s
     * deregistration delay), classic ELB {@code web-elb}, and group {@code web} of {@code size}
     * instances behind both; boot 60 s, health check 30 s.
     */
    public static World.Builder web(int size) {
        return World.builder().region("us-east-1").region("us-west-2")
                .image("base-v1").image("base-v2")
                .launchTemplate("web-lt", lt -> lt.image("base-v1").instanceType("t3.micro")
                        .version(v -> v.image("base-v2")))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds(30))
                .classicLoadBalancer("web-elb")
                .autoScalingGroup("web", g -> g.launchTemplate("web-lt").launchTemplateVersion("1").instances(size)
                        .minSize(1).maxSize(size * 2).targetGroups("web-tg").loadBalancers("web-elb")
                        .healthCheckType("ELB").healthCheckGracePeriodSeconds(60))
                .timings(t -> t.withBoot(Duration.ofSeconds(60)).withHealthCheck(Duration.ofSeconds(30))
                        .withRegistration(Duration.ofSeconds(5)).withTerminate(Duration.ofSeconds(10))
                        .withStatusCheck(Duration.ofSeconds(30)));
    }

    /**
     * Advances {@code clock} by {@code step} every real millisecond on a background thread until
     * closed: SDK waiters sleep in real time, so simulated time has to move under them.
     */
    public static AutoCloseable ticking(ManualClock clock, Duration step) {
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        Thread thread = new Thread(() -> {
            while (running.get()) {
                clock.advance(step);
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "sim-clock-ticker");
        thread.setDaemon(true);
        thread.start();
        return () -> {
            running.set(false);
            thread.join();
        };
    }

    /** Waiter settings for tests: many quick attempts (simulated time moves under them). */
    public static java.util.function.Consumer<software.amazon.awssdk.core.waiters.WaiterOverrideConfiguration.Builder> fastWaiter() {
        return b -> b.maxAttempts(400)
                .backoffStrategyV2(software.amazon.awssdk.retries.api.BackoffStrategy.fixedDelayWithoutJitter(Duration.ofMillis(5)));
    }

    /** Advances the clock in steps until the condition holds; fails after {@code limit}. */
    public static void advanceUntil(ManualClock clock, Duration step, Duration limit, BooleanSupplier condition) {
        Instant deadline = clock.instant().plus(limit);
        while (!condition.getAsBoolean()) {
            if (!clock.instant().isBefore(deadline)) {
                throw new AssertionError("condition not reached within " + limit);
            }
            clock.advance(step);
        }
    }
}
