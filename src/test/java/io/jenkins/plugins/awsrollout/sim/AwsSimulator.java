package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.protocol.SimHttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * The local AWS simulator: one HTTP endpoint on 127.0.0.1 speaking EC2, Auto Scaling, ELB,
 * ELBv2 and STS (and whatever {@link Services} registers), over a world that moves on a clock.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
 * try (AwsSimulator sim = AwsSimulator.start(World.builder().region("us-east-1")....build(), clock)) {
 *     Ec2Client ec2 = SimClients.of(sim).ec2();
 *     clock.advance(Duration.ofSeconds(30));
 *     assertThat(sim.capacity("web").minHealthy()).isGreaterThanOrEqualTo(5);
 * }
 * }</pre>
 *
 * <p>Hand the same clock to the code under test: its time is the simulator's time.
 */
public final class AwsSimulator implements AutoCloseable {
    private final Cloud cloud;
    private final SimHttpServer server;
    private final Consumer<Instant> clockListener;

    private AwsSimulator(Cloud cloud, SimHttpServer server, Consumer<Instant> clockListener) {
        this.cloud = cloud;
        this.server = server;
        this.clockListener = clockListener;
    }

    /** Starts on a free port. Time zero (when seeded instances are already running and healthy) is the clock's now. */
    public static AwsSimulator start(World world, Clock clock) {
        return start(world, clock, 0);
    }

    /** Starts on {@code port} (0: a free port). */
    public static AwsSimulator start(World world, Clock clock, int port) {
        Cloud cloud = WorldSeeder.create(world, clock);
        SimHttpServer server = new SimHttpServer(cloud);
        Services.register(server, cloud);
        Consumer<Instant> listener = null;
        if (clock instanceof ManualClock manual) {
            listener = cloud::advanceTo;
            manual.addListener(listener);
        }
        try {
            server.start(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new AwsSimulator(cloud, server, listener);
    }

    /** {@code http://127.0.0.1:PORT}: the endpoint override for every client. */
    public URI endpoint() {
        return server.endpoint();
    }

    /** The manual clock this simulator runs on (fails if it runs on another clock). */
    public ManualClock clock() {
        if (cloud.clock() instanceof ManualClock manual) {
            return manual;
        }
        throw new IllegalStateException("this simulator runs on " + cloud.clock() + ", not a ManualClock");
    }

    /** Shorthand for {@code clock().advance(duration)}. */
    public void advance(Duration duration) {
        clock().advance(duration);
    }

    /** Simulated time now. */
    public Instant now() {
        return cloud.locked(cloud::now);
    }

    /** Every call answered so far. */
    public CallLog calls() {
        return cloud.calls();
    }

    /** Faults to inject: throttling, 5xx, launch failures, unhealthy AMIs and instances. */
    public Faults faults() {
        return cloud.faults();
    }

    /** Capacity history of a group in the default region. */
    public CapacityHistory capacity(String groupName) {
        return capacity(cloud.defaultRegion().name(), groupName);
    }

    /** Capacity history of a group in a region. */
    public CapacityHistory capacity(String region, String groupName) {
        return cloud.locked(() -> cloud.region(region).autoScaling().history(groupName));
    }

    /** Read-only views of the default region for assertions. */
    public SimState state() {
        return new SimState(cloud, cloud.defaultRegion().name());
    }

    /** Read-only views of a region. */
    public SimState state(String region) {
        return new SimState(cloud, region);
    }

    /** The world's account id. */
    public String accountId() {
        return cloud.accountId();
    }

    /** The default region's name. */
    public String region() {
        return cloud.defaultRegion().name();
    }

    /** The live model, for services added to the simulator and advanced tests; take its lock via {@link Cloud#locked}. */
    public Cloud cloud() {
        return cloud;
    }

    @Override
    public void close() {
        server.close();
        if (clockListener != null && cloud.clock() instanceof ManualClock manual) {
            manual.removeListener(clockListener);
        }
    }
}
