package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.elb.HealthCheckedPool;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs lifecycle events on one instance, one after the other, in simulated time. Hooks take their
 * configured time and fail when the revision or {@link io.jenkins.plugins.awsrollout.sim.Faults}
 * says so; DownloadBundle fails when the S3 bundle cannot be fetched; BlockTraffic deregisters the
 * instance from the deployment group's load balancers and waits until it has drained; AllowTraffic
 * registers it and waits until it is healthy in all of them.
 */
final class EventRunner {
    /** In-place lifecycle events on EC2, in order. */
    static final List<String> CORE = List.of("ApplicationStop", "DownloadBundle", "BeforeInstall", "Install", "AfterInstall",
            "ApplicationStart", "ValidateService");
    static final List<String> BLOCK = List.of("BeforeBlockTraffic", "BlockTraffic", "AfterBlockTraffic");
    static final List<String> ALLOW = List.of("BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic");
    /** Events that run an appspec hook script (the others are the agent's or CodeDeploy's own work). */
    static final Set<String> HOOKS = Set.of("ApplicationStop", "BeforeInstall", "AfterInstall", "ApplicationStart",
            "ValidateService", "BeforeBlockTraffic", "AfterBlockTraffic", "BeforeAllowTraffic", "AfterAllowTraffic");
    private static final Duration POLL = Duration.ofSeconds(1);

    private final Cloud cloud;
    private final CloudRegion region;

    EventRunner(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
    }

    /** What a revision asks of the simulator, read once when the deployment starts. */
    record RevisionBehaviour(String text, Set<String> failing, Map<String, Duration> durations) {}

    static RevisionBehaviour behaviour(Cloud cloud, Deployment d) {
        String text = Revisions.text(cloud, d.revision);
        return new RevisionBehaviour(text, Revisions.failingEvents(text), Revisions.eventDurations(text));
    }

    /**
     * Runs {@code names} on {@code target} in order, then calls {@code done} with true when all
     * succeeded, false when one failed (the rest are Skipped) or the deployment is stopping (the
     * event under way finishes, the rest are Skipped).
     */
    void run(Deployment d, RevisionBehaviour behaviour, DeploymentTarget target, List<String> names, Consumer<Boolean> done) {
        step(d, behaviour, target, names, 0, done);
    }

    private void step(Deployment d, RevisionBehaviour behaviour, DeploymentTarget target, List<String> names, int index,
            Consumer<Boolean> done) {
        if (index >= names.size()) {
            done.accept(true);
            return;
        }
        if (d.stopping) {
            target.skipRemaining();
            done.accept(false);
            return;
        }
        LifecycleEventRun event = target.event(names.get(index));
        event.status = "InProgress";
        event.startTime = cloud.now();
        target.status("InProgress", cloud.now());
        Consumer<Boolean> next = ok -> {
            target.lastUpdatedAt = cloud.now();
            if (ok) {
                step(d, behaviour, target, names, index + 1, done);
            } else {
                target.skipRemaining();
                done.accept(false);
            }
        };
        Duration duration = behaviour.durations().getOrDefault(event.name, CodeDeployTimings.of(cloud).of(event.name));
        switch (event.name) {
            case "BlockTraffic" -> block(d, behaviour, target, event, duration, next);
            case "AllowTraffic" -> allow(d, behaviour, target, event, duration, next);
            default -> cloud.scheduleIn(duration, () -> next.accept(finish(d, behaviour, target, event)));
        }
    }

    /** Ends a hook, DownloadBundle or Install: true when it succeeded. */
    private boolean finish(Deployment d, RevisionBehaviour behaviour, DeploymentTarget target, LifecycleEventRun event) {
        Instant now = cloud.now();
        Instance instance = region.ec2().instances().get(target.instanceId);
        if (instance == null || !instance.running()) {
            event.fail(now, "UnknownError", "", "CodeDeploy agent was not able to receive the lifecycle event. Check the CodeDeploy "
                    + "agent logs on your host and make sure the agent is running and can connect to the CodeDeploy server.", "");
            return false;
        }
        if (event.name.equals("DownloadBundle")) {
            String problem = Revisions.downloadProblem(cloud, d.revision);
            if (problem != null) {
                event.fail(now, "UnknownError", "", problem, "");
                return false;
            }
        }
        boolean marked = behaviour.failing().contains(event.name);
        boolean injected = !marked && cloud.faults().takeHookFailure(d.group.application.name, d.group.name, event.name);
        if (!marked && !injected) {
            event.succeed(now, null);
            return true;
        }
        if (!HOOKS.contains(event.name)) {
            String message = event.name.equals("Install")
                    ? "The deployment failed because a specified file already exists at this location: /opt/app/index.html"
                    : event.name + " failed.";
            event.fail(now, "UnknownError", "", message, "");
            return false;
        }
        String script = Revisions.scriptName(behaviour.text(), event.name);
        String why = marked ? "the revision carries sim-fail:" + event.name : "a fault was injected with Faults.failHook";
        String message = "Script at specified location: " + script + " run as user root failed with exit code 1";
        String logTail = "[stdout]Running " + script + " for " + event.name + " of deployment " + d.id + " on " + target.instanceId
                + "\n[stdout]" + event.name + " fails here: " + why
                + "\n[stderr]curl: (7) Failed to connect to localhost port 80 after 0 ms: Connection refused\n";
        if (event.name.equals("ApplicationStop") && d.ignoreApplicationStopFailures) {
            event.succeed(now, "Script at specified location: " + script + " failed; the failure was ignored "
                    + "(ignoreApplicationStopFailures)");
            return true;
        }
        event.fail(now, "ScriptFailed", script, message, logTail);
        return false;
    }

    private boolean markedToFail(Deployment d, RevisionBehaviour behaviour, LifecycleEventRun event) {
        return behaviour.failing().contains(event.name)
                || cloud.faults().takeHookFailure(d.group.application.name, d.group.name, event.name);
    }

    /** Deregisters from every load balancer, then waits until the instance has drained from all. */
    private void block(Deployment d, RevisionBehaviour behaviour, DeploymentTarget target, LifecycleEventRun event,
            Duration least, Consumer<Boolean> next) {
        List<HealthCheckedPool> pools = Fleet.pools(region, d.group.loadBalancerInfo);
        for (HealthCheckedPool pool : pools) {
            region.elb().deregister(pool, target.instanceId);
        }
        Instant earliest = cloud.now().plus(least);
        Instant deadline = cloud.now().plus(CodeDeployTimings.of(cloud).trafficTimeout());
        poll(earliest, deadline, () -> pools.stream().noneMatch(p -> p.registrations().containsKey(target.instanceId)), done -> {
            if (!done) {
                event.fail(cloud.now(), "UnknownError", "", "The instance " + target.instanceId
                        + " did not finish deregistering from its load balancers in time.", "");
                next.accept(false);
            } else if (markedToFail(d, behaviour, event)) {
                event.fail(cloud.now(), "UnknownError", "", "BlockTraffic failed.", "");
                next.accept(false);
            } else {
                event.succeed(cloud.now(), null);
                next.accept(true);
            }
        });
    }

    /** Registers with every load balancer, then waits until the instance is healthy in all. */
    private void allow(Deployment d, RevisionBehaviour behaviour, DeploymentTarget target, LifecycleEventRun event,
            Duration least, Consumer<Boolean> next) {
        List<HealthCheckedPool> pools = Fleet.pools(region, d.group.loadBalancerInfo);
        Instance instance = region.ec2().instances().get(target.instanceId);
        if (instance != null && !instance.terminatedOrGoing()) {
            for (HealthCheckedPool pool : pools) {
                region.elb().register(pool, instance, Fleet.port(pool));
            }
        }
        Instant earliest = cloud.now().plus(least);
        Duration timeout = CodeDeployTimings.of(cloud).trafficTimeout();
        Instant deadline = cloud.now().plus(timeout);
        poll(earliest, deadline, () -> pools.stream().allMatch(p -> p.healthy(target.instanceId)), done -> {
            if (!done) {
                event.fail(cloud.now(), "UnknownError", "", "The instance " + target.instanceId + " did not pass the health checks of "
                        + String.join(", ", pools.stream().map(HealthCheckedPool::name).toList()) + " within "
                        + timeout.toMinutes() + " minutes.", "");
                next.accept(false);
            } else if (markedToFail(d, behaviour, event)) {
                event.fail(cloud.now(), "UnknownError", "", "AllowTraffic failed.", "");
                next.accept(false);
            } else {
                event.succeed(cloud.now(), null);
                next.accept(true);
            }
        });
    }

    /** Checks {@code condition} every second from {@code earliest}; reports true when it holds, false at the deadline. */
    private void poll(Instant earliest, Instant deadline, java.util.function.BooleanSupplier condition, Consumer<Boolean> result) {
        cloud.schedule(earliest, new Runnable() {
            @Override
            public void run() {
                if (condition.getAsBoolean()) {
                    result.accept(true);
                } else if (!cloud.now().isBefore(deadline)) {
                    result.accept(false);
                } else {
                    cloud.scheduleIn(POLL, this);
                }
            }
        });
    }
}
