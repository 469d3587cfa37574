package io.jenkins.plugins.awsrollout.engine.asg;

import io.jenkins.plugins.awsrollout.config.AwsDefaults;
import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.OperationRun;
import io.jenkins.plugins.awsrollout.engine.Progress;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.sim.CloudListener;
import io.jenkins.plugins.awsrollout.sim.SimState;
import io.jenkins.plugins.awsrollout.sim.World;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.testing.SimulatedAws;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;

/**
 * One {@code awsAsgRollout} driven tick by tick through {@link OperationRun} (the driver's own tick logic: deadlines,
 * backoff on throttling, the abort path) on the simulator's virtual clock, so a test can stop, time out, restart or
 * fault it between any two ticks and look at every cursor.
 */
final class RolloutHarness implements AutoCloseable {

    /** The version the group starts on; every other version is "new". */
    static final String START_VERSION = "1";

    final SimulatedAws aws;
    final List<String> log = new ArrayList<>();
    private final TickContext context;
    private OperationRun<AsgRolloutCursor> run;
    private OperationRun.Next<AsgRolloutCursor> last;
    private int ticks;
    private boolean unhealthyLaunches;
    private Instant refreshRollingBackSince;
    private Instant calmUntil = SimulatedAws.EPOCH;
    private final AsgRolloutRequest.Builder request;

    /**
     * A group {@code web} of {@code size} instances on launch template {@code web-lt} version 1, behind target group
     * {@code web-tg} (30 s deregistration delay), its maximum size equal to its size; the user keeps
     * {@code ScheduledActions} suspended; from 6 instances on, one instance is protected from scale-in and one more is
     * in Standby (the rollout leaves both alone: {@code Ignore}).
     */
    static World world(int size) {
        return World.builder().region("us-east-1").image("base-v1").image("base-v2")
                .launchTemplate("web-lt", lt -> lt.image("base-v1").instanceType("t3.micro"))
                .targetGroup("web-tg", tg -> tg.deregistrationDelaySeconds(30))
                .autoScalingGroup("web", g -> g.launchTemplate("web-lt").launchTemplateVersion("1").instances(size)
                        .minSize(Math.min(1, size)).maxSize(size).targetGroups("web-tg").healthCheckType("ELB")
                        .healthCheckGracePeriodSeconds(60))
                .timings(t -> t.withBoot(Duration.ofSeconds(60)).withHealthCheck(Duration.ofSeconds(30))
                        .withRegistration(Duration.ofSeconds(5)).withTerminate(Duration.ofSeconds(10))
                        .withStatusCheck(Duration.ofSeconds(30)))
                .build();
    }

    RolloutHarness(int size, AsgRolloutRequest.Builder request) {
        this(world(size), size, request, null);
        begin(aws.sim().state().image("base-v2").id());
        AutoScalingClient asg = aws.session(aws.sim().region()).autoScaling();
        asg.suspendProcesses(r -> r.autoScalingGroupName("web").scalingProcesses("ScheduledActions"));
        if (size >= 6) {
            List<String> ids = new ArrayList<>(new TreeSet<>(inServiceIds()));
            asg.setInstanceProtection(r -> r.autoScalingGroupName("web").instanceIds(ids.get(0)).protectedFromScaleIn(true));
            asg.enterStandby(r -> r.autoScalingGroupName("web").instanceIds(ids.get(1)).shouldDecrementDesiredCapacity(true));
        }
    }

    /**
     * A rollout on {@code world}'s group {@code web} of {@code size} instances to {@code ami} (null: {@link #begin} starts
     * it later).
     */
    RolloutHarness(World world, int size, AsgRolloutRequest.Builder request, String ami) {
        aws = SimulatedAws.start(world);
        context = aws.tickContext(new Progress() {
            @Override
            public void report(String phase, String message) {
                log.add(phase + " " + message);
            }

            @Override
            public void warn(String phase, String message) {
                log.add("WARNING " + phase + " " + message);
            }
        });
        aws.sim().cloud().locked(() -> {
            aws.sim().cloud().addListener(new CloudListener() {
                @Override
                public void instanceStateChanged(Instance instance, String previousState) {
                    if (unhealthyLaunches && instance.state().equals("pending")
                            && !START_VERSION.equals(instance.launchTemplateVersion())) {
                        instance.markedUnhealthy(true);
                    }
                }
            });
            return null;
        });
        this.request = request;
        if (ami != null) {
            begin(ami);
        }
    }

    /** Starts the rollout to {@code ami}. */
    void begin(String ami) {
        AsgRolloutOperation operation = new AsgRolloutOperation(request.ami(ami).buildId("sweep #1").build(),
                AwsDefaults.none().polling());
        run = OperationRun.begin(operation, aws.clock().instant());
    }

    AsgRolloutCursor cursor() {
        return run.cursor();
    }

    OperationRun<AsgRolloutCursor> run() {
        return run;
    }

    int ticks() {
        return ticks;
    }

    boolean over() {
        return last != null && !(last instanceof OperationRun.Next.Again);
    }

    /** The end: Succeeded or Ended. */
    OperationRun.Next<AsgRolloutCursor> outcome() {
        return last;
    }

    /** One tick, then the clock moves by the delay it asked for. */
    void tick() {
        last = run.tick(context);
        ticks++;
        run = last.run();
        if (refreshRollingBackSince == null) {
            if (group().refreshes().stream().anyMatch(r -> r.status().startsWith("Rollback"))) {
                refreshRollingBackSince = calmUntil;
            } else {
                calmUntil = aws.clock().instant();
            }
        }
        if (last instanceof OperationRun.Next.Again<AsgRolloutCursor> again) {
            aws.clock().advance(again.delay());
        }
    }

    /** Ticks until the rollout ends or {@code until} holds before a tick. */
    void tickUntil(Predicate<RolloutHarness> until) {
        while (!over() && !until.test(this)) {
            if (ticks > 20_000) {
                throw new AssertionError("no end after 20000 ticks: " + run.status() + "\n" + String.join("\n", log));
            }
            tick();
        }
    }

    void runToEnd() {
        tickUntil(h -> false);
    }

    void abort(AbortReason reason, String message) {
        run = run.abort(reason, message);
    }

    /** A controller restart right after the next tick's calls, before its save: the tick runs again from the last save. */
    void restartDuringNextTick() {
        byte[] saved = serialize(run);
        tick();
        run = deserialize(saved);
        last = null;
    }

    /**
     * The last moment a tick saw no instance refresh of the group rolling back, once one has been seen rolling back
     * (AWS's own rollback, asked for or automatic), else null: from then on AWS, not the rollout, paces the replacements.
     */
    Instant refreshRollingBackSince() {
        return refreshRollingBackSince;
    }

    /** From now on, instances launched on any version but the first one never pass their health checks. */
    void failHealthChecksOfNewLaunches() {
        unhealthyLaunches = true;
    }

    @SuppressWarnings("unchecked")
    private static OperationRun<AsgRolloutCursor> deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (OperationRun<AsgRolloutCursor>) in.readObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] serialize(Object value) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    SimState.GroupView group() {
        return aws.sim().state().group("web");
    }

    List<String> inServiceIds() {
        return group().instances("InService").stream().map(SimState.GroupInstanceView::instanceId).toList();
    }

    /** Everything the rollout must put back or leave as it was, comparable with equals. */
    Map<String, Object> restorable() {
        SimState.GroupView g = group();
        Map<String, Object> state = new TreeMap<>();
        state.put("launchTemplateVersion", g.launchTemplateVersion());
        state.put("min", g.minSize());
        state.put("max", g.maxSize());
        state.put("desired", g.desiredCapacity());
        state.put("suspended", new TreeSet<>(g.suspendedProcesses()));
        state.put("protected", new TreeSet<>(g.instances().stream().filter(SimState.GroupInstanceView::protectedFromScaleIn)
                .map(SimState.GroupInstanceView::instanceId).toList()));
        state.put("standby", new TreeSet<>(g.instances("Standby").stream().map(SimState.GroupInstanceView::instanceId).toList()));
        return state;
    }

    /** A position in the rollout, as its cursor says: phase, direction, batch and step, or the refresh's progress. */
    static String position(AsgRolloutCursor c) {
        StringBuilder key = new StringBuilder(c.phase().name());
        if (c.ending() != null) {
            key.append("/ending-").append(c.ending().mode());
        }
        RollingProgress rolling = c.rolling();
        if (rolling != null && c.phase() == AsgRolloutCursor.Phase.ROLL) {
            key.append(rolling.reverse() ? "/reverse" : "/forward");
            BatchState batch = rolling.batch();
            key.append(batch == null ? "/between-" + rolling.batchesDone() : "/batch-" + batch.number() + "-" + batch.step());
            BatchState next = rolling.next();
            if (next != null) {
                // The next batch's head start: chosen, then under way.
                key.append("/next-").append(next.number()).append(next.terminated().isEmpty() ? "" : "-started");
            }
            if (!rolling.terminationsLeft().isEmpty()) {
                // A round of terminations left some for the next round, which goes on without a read of the group.
                key.append("/terminations-left");
            }
        }
        RefreshProgress refresh = c.refresh();
        if (refresh != null && c.phase() == AsgRolloutCursor.Phase.REFRESH_WATCH) {
            key.append('/').append(refresh.status()).append('/').append(refresh.percentageComplete());
        }
        return key.toString();
    }

    @Override
    public void close() {
        aws.close();
    }
}
