package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.autoscaling.AutoScalingGroupActions;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.elb.HealthCheckedPool;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.autoscaling.model.CreateAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DeleteAutoScalingGroupRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeAutoScalingGroupsRequest;
import software.amazon.awssdk.services.codedeploy.model.BlueGreenDeploymentConfiguration;

/**
 * Moves deployments through their lifecycle in simulated time.
 *
 * <p><b>In-place.</b> The targets (the group's InService instances when the deployment was
 * created) are deployed in batches that keep the deployment configuration's minimum of healthy
 * instances: an instance not yet deployed, or deployed successfully, is healthy; one being
 * deployed or failed is not. A new instance starts while more than the minimum are healthy. When
 * nothing runs and instances remain that cannot start, the deployment fails
 * (HEALTH_CONSTRAINTS); when all have run, it succeeds if at least the minimum (and at least one)
 * succeeded. A minimum at or above the fleet size fails at once (HEALTH_CONSTRAINTS_INVALID).
 *
 * <p><b>Blue/green.</b> The replacement (green) fleet is discovered from the deployment's
 * targetInstances or copied from the group's Auto Scaling group; the revision is installed on it
 * in batches as above; then the deployment either waits in Ready (STOP_DEPLOYMENT) for
 * ContinueDeployment or the wait time (after which it is Stopped), or goes on
 * (CONTINUE_DEPLOYMENT); traffic moves (AllowTraffic on green, then BlockTraffic on blue); the
 * original instances are then kept or, after the termination wait, terminated.
 *
 * <p><b>Rollback.</b> When a deployment fails (DEPLOYMENT_FAILURE) or is stopped
 * (DEPLOYMENT_STOP_ON_REQUEST, or StopDeployment's autoRollbackEnabled) and its or its group's
 * auto rollback configuration asks for it, an in-place deployment is followed by a new deployment
 * (creator codeDeployRollback) of the group's last successful revision; a blue/green one puts the
 * original instances back behind the load balancers and drops the replacement fleet.
 */
final class DeploymentRunner {
    enum Outcome { SUCCEEDED, FAILED, STOPPED }

    static final String HEALTH_CONSTRAINTS_MESSAGE = "The overall deployment failed because too many individual instances failed "
            + "deployment, too few healthy instances are available for deployment, or some instances in your deployment group "
            + "are experiencing problems.";

    private final Cloud cloud;
    private final CloudRegion region;
    private final CodeDeployRegion codeDeploy;
    private final EventRunner events;

    DeploymentRunner(Cloud cloud, CloudRegion region, CodeDeployRegion codeDeploy) {
        this.cloud = cloud;
        this.region = region;
        this.codeDeploy = codeDeploy;
        this.events = new EventRunner(cloud, region);
    }

    /** A new deployment: Created, then Queued, then InProgress after the configured times. */
    void created(Deployment d) {
        CodeDeployTimings timings = CodeDeployTimings.of(cloud);
        int epoch = d.epoch;
        cloud.scheduleIn(timings.created(), () -> {
            if (d.epoch != epoch || !d.status.equals("Created")) {
                return;
            }
            d.status = "Queued";
            cloud.scheduleIn(timings.queued(), () -> {
                if (d.epoch == epoch && d.status.equals("Queued")) {
                    start(d);
                }
            });
        });
    }

    private void start(Deployment d) {
        d.status = "InProgress";
        d.startTime = cloud.now();
        EventRunner.RevisionBehaviour behaviour = EventRunner.behaviour(cloud, d);
        if (d.blueGreen) {
            startBlueGreen(d, behaviour);
            return;
        }
        List<DeploymentTarget> fleet = List.copyOf(d.targets.values());
        if (fleet.isEmpty()) {
            fail(d, "NO_INSTANCES", "The deployment failed because no instances were found for your deployment group. Check your "
                    + "deployment group settings to make sure the tags for your Amazon EC2 instances or Auto Scaling groups "
                    + "correctly identify the instances you want to deploy to, and then try again.");
            return;
        }
        batch(d, behaviour, fleet, d.trafficControl ? inPlaceEvents(true) : inPlaceEvents(false), outcome -> {
            switch (outcome) {
                case SUCCEEDED -> succeed(d);
                case STOPPED -> finishStop(d);
                default -> fail(d, d.errorCode == null ? "HEALTH_CONSTRAINTS" : d.errorCode,
                        d.errorMessage == null ? HEALTH_CONSTRAINTS_MESSAGE : d.errorMessage);
            }
        });
    }

    /** The in-place events on EC2: with traffic control, BlockTraffic first and AllowTraffic last. */
    static List<String> inPlaceEvents(boolean trafficControl) {
        if (!trafficControl) {
            return EventRunner.CORE;
        }
        List<String> all = new ArrayList<>(EventRunner.BLOCK);
        all.addAll(EventRunner.CORE);
        all.addAll(EventRunner.ALLOW);
        return List.copyOf(all);
    }

    // ---- batches under minimum healthy hosts ----

    private final class Batch {
        final Deployment d;
        final EventRunner.RevisionBehaviour behaviour;
        final List<DeploymentTarget> fleet;
        final List<String> names;
        final int minimumHealthy;
        final Consumer<Outcome> done;
        boolean finished;

        Batch(Deployment d, EventRunner.RevisionBehaviour behaviour, List<DeploymentTarget> fleet, List<String> names,
                Consumer<Outcome> done) {
            this.d = d;
            this.behaviour = behaviour;
            this.fleet = fleet;
            this.names = names;
            this.minimumHealthy = d.config.minimumHealthy(fleet.size());
            this.done = done;
        }
    }

    private void batch(Deployment d, EventRunner.RevisionBehaviour behaviour, List<DeploymentTarget> fleet, List<String> names,
            Consumer<Outcome> done) {
        Batch batch = new Batch(d, behaviour, fleet, names, done);
        if (fleet.size() <= batch.minimumHealthy) {
            d.errorCode = "HEALTH_CONSTRAINTS_INVALID";
            d.errorMessage = "The deployment failed because the minimum number of healthy instances (" + batch.minimumHealthy
                    + ") is not less than the number of instances in the deployment (" + fleet.size() + "). Check the minimum "
                    + "healthy hosts of deployment configuration " + d.config.name() + ".";
            batch.finished = true;
            done.accept(Outcome.FAILED);
            return;
        }
        pump(batch);
    }

    private void pump(Batch b) {
        if (b.finished) {
            return;
        }
        int pending = 0;
        int running = 0;
        int healthy = 0;
        int succeeded = 0;
        for (DeploymentTarget t : b.fleet) {
            switch (t.status) {
                case "Pending", "Ready" -> {
                    pending++;
                    healthy++;
                }
                case "InProgress" -> running++;
                case "Succeeded" -> {
                    healthy++;
                    succeeded++;
                }
                default -> { }
            }
        }
        if (!b.d.stopping) {
            for (DeploymentTarget t : b.fleet) {
                if (pending == 0 || healthy <= b.minimumHealthy) {
                    break;
                }
                if (t.status.equals("Pending")) {
                    pending--;
                    healthy--;
                    running++;
                    launch(b, t);
                }
            }
        }
        if (running > 0) {
            return;
        }
        b.finished = true;
        if (b.d.stopping) {
            b.done.accept(Outcome.STOPPED);
        } else if (pending > 0 || succeeded < Math.max(b.minimumHealthy, 1)) {
            b.done.accept(Outcome.FAILED);
        } else {
            b.done.accept(Outcome.SUCCEEDED);
        }
    }

    private void launch(Batch b, DeploymentTarget t) {
        t.status("InProgress", cloud.now());
        events.run(b.d, b.behaviour, t, b.names, ok -> {
            boolean failed = t.events.stream().anyMatch(e -> e.status.equals("Failed"));
            t.status(ok ? "Succeeded" : failed ? "Failed" : "Skipped", cloud.now());
            pump(b);
        });
    }

    /** Runs {@code names} on all {@code targets} at once; reports whether all succeeded. */
    private void all(Deployment d, EventRunner.RevisionBehaviour behaviour, List<DeploymentTarget> targets, List<String> names,
            Consumer<Boolean> done) {
        if (targets.isEmpty()) {
            done.accept(true);
            return;
        }
        int[] left = {targets.size()};
        boolean[] allOk = {true};
        for (DeploymentTarget t : targets) {
            t.status("InProgress", cloud.now());
            events.run(d, behaviour, t, names, ok -> {
                boolean failed = t.events.stream().anyMatch(e -> e.status.equals("Failed"));
                t.status(ok ? "Succeeded" : failed ? "Failed" : "Skipped", cloud.now());
                allOk[0] &= ok;
                if (--left[0] == 0) {
                    done.accept(allOk[0]);
                }
            });
        }
    }

    // ---- blue/green ----

    private void startBlueGreen(Deployment d, EventRunner.RevisionBehaviour behaviour) {
        BlueGreenDeploymentConfiguration bg = d.group.blueGreenDeploymentConfiguration;
        boolean copy = bg != null && bg.greenFleetProvisioningOption() != null
                && "COPY_AUTO_SCALING_GROUP".equals(bg.greenFleetProvisioningOption().actionAsString());
        if (copy) {
            provisionGreen(d, behaviour);
        } else {
            deployGreen(d, behaviour);
        }
    }

    /** COPY_AUTO_SCALING_GROUP: a copy of the group's Auto Scaling group, without its load balancers. */
    private void provisionGreen(Deployment d, EventRunner.RevisionBehaviour behaviour) {
        if (d.group.autoScalingGroups.size() != 1) {
            fail(d, "AUTO_SCALING_CONFIGURATION", "A blue/green deployment that copies an Auto Scaling group needs exactly one "
                    + "Auto Scaling group in deployment group " + d.group.name + ".");
            return;
        }
        String original = d.group.autoScalingGroups.get(0);
        String copyName = "CodeDeploy_" + d.group.name + "_" + d.id;
        AutoScalingGroupActions asg = new AutoScalingGroupActions(cloud);
        try {
            var source = asg.handle(DescribeAutoScalingGroupsRequest.builder().autoScalingGroupNames(original).build(),
                    internal("DescribeAutoScalingGroups")).autoScalingGroups();
            if (source.isEmpty()) {
                fail(d, "AUTO_SCALING_CONFIGURATION", "The Auto Scaling group " + original + " does not exist.");
                return;
            }
            var g = source.get(0);
            asg.handle(CreateAutoScalingGroupRequest.builder().autoScalingGroupName(copyName).launchTemplate(g.launchTemplate())
                    .mixedInstancesPolicy(g.mixedInstancesPolicy()).launchConfigurationName(g.launchConfigurationName())
                    .minSize(g.minSize()).maxSize(g.maxSize()).desiredCapacity(g.desiredCapacity())
                    .vpcZoneIdentifier(g.vpcZoneIdentifier()).availabilityZones(g.availabilityZones())
                    .healthCheckType(g.healthCheckType()).healthCheckGracePeriod(g.healthCheckGracePeriod())
                    .tags(g.tags().stream().map(t -> software.amazon.awssdk.services.autoscaling.model.Tag.builder()
                            .key(t.key()).value(t.value()).propagateAtLaunch(t.propagateAtLaunch()).build()).toList())
                    .build(), internal("CreateAutoScalingGroup"));
            d.greenAutoScalingGroup = copyName;
            int desired = g.desiredCapacity();
            java.time.Instant deadline = cloud.now().plus(CodeDeployTimings.of(cloud).greenProvisioningTimeout());
            waitForGreen(d, behaviour, copyName, desired, deadline);
        } catch (SimError e) {
            fail(d, "AUTO_SCALING_CONFIGURATION", "Copying Auto Scaling group " + original + " failed: " + e.getMessage());
        }
    }

    private void waitForGreen(Deployment d, EventRunner.RevisionBehaviour behaviour, String group, int desired,
            java.time.Instant deadline) {
        cloud.scheduleIn(Duration.ofSeconds(5), () -> {
            if (!d.active()) {
                return;
            }
            if (d.stopping) {
                finishStop(d);
                return;
            }
            List<String> green = Fleet.instances(region, List.of(group), List.of(), null);
            if (green.size() >= desired) {
                for (String id : green) {
                    d.targets.put(id, new DeploymentTarget(id, "Green", greenEvents(), cloud.now()));
                }
                deployGreen(d, behaviour);
            } else if (!cloud.now().isBefore(deadline)) {
                fail(d, "AUTO_SCALING_CONFIGURATION", "The replacement Auto Scaling group " + group + " did not have " + desired
                        + " InService instances in time.");
            } else {
                waitForGreen(d, behaviour, group, desired, deadline);
            }
        });
    }

    static List<String> greenEvents() {
        List<String> all = new ArrayList<>(EventRunner.CORE);
        all.addAll(EventRunner.ALLOW);
        return List.copyOf(all);
    }

    private List<DeploymentTarget> labelled(Deployment d, String label) {
        return d.targets.values().stream().filter(t -> label.equals(t.label)).toList();
    }

    private void deployGreen(Deployment d, EventRunner.RevisionBehaviour behaviour) {
        List<DeploymentTarget> green = labelled(d, "Green");
        if (green.isEmpty()) {
            fail(d, "NO_INSTANCES", "The deployment failed because no instances were found in the replacement environment.");
            return;
        }
        batch(d, behaviour, green, EventRunner.CORE, outcome -> {
            switch (outcome) {
                case SUCCEEDED -> ready(d, behaviour);
                case STOPPED -> finishStop(d);
                default -> fail(d, d.errorCode == null ? "HEALTH_CONSTRAINTS" : d.errorCode,
                        d.errorMessage == null ? HEALTH_CONSTRAINTS_MESSAGE : d.errorMessage);
            }
        });
    }

    private void ready(Deployment d, EventRunner.RevisionBehaviour behaviour) {
        BlueGreenDeploymentConfiguration bg = d.group.blueGreenDeploymentConfiguration;
        var option = bg == null ? null : bg.deploymentReadyOption();
        boolean stop = option != null && "STOP_DEPLOYMENT".equals(option.actionOnTimeoutAsString());
        if (!stop) {
            reroute(d, behaviour);
            return;
        }
        d.status = "Ready";
        for (DeploymentTarget t : labelled(d, "Green")) {
            if (t.status.equals("Succeeded")) {
                t.status("Ready", cloud.now());
            }
        }
        d.epoch++;
        int epoch = d.epoch;
        int minutes = option.waitTimeInMinutes() == null ? 0 : option.waitTimeInMinutes();
        d.readyContinuation = () -> reroute(d, behaviour);
        cloud.scheduleIn(Duration.ofMinutes(minutes), () -> {
            if (d.epoch == epoch && d.status.equals("Ready")) {
                d.readyContinuation = null;
                d.errorCode = "TIMEOUT";
                d.errorMessage = "The deployment timed out waiting for traffic to be rerouted: ContinueDeployment was not called "
                        + "within " + minutes + " minutes.";
                finishStop(d);
            }
        });
    }

    /** ContinueDeployment with READY_WAIT. */
    void continueReady(Deployment d) {
        Runnable continuation = d.readyContinuation;
        d.readyContinuation = null;
        d.epoch++;
        d.status = "InProgress";
        continuation.run();
    }

    private void reroute(Deployment d, EventRunner.RevisionBehaviour behaviour) {
        d.status = "InProgress";
        List<DeploymentTarget> green = labelled(d, "Green").stream().filter(t -> !t.status.equals("Failed")).toList();
        all(d, behaviour, green, EventRunner.ALLOW, greenOk -> {
            if (d.stopping) {
                finishStop(d);
            } else if (!greenOk) {
                fail(d, "HEALTH_CONSTRAINTS", HEALTH_CONSTRAINTS_MESSAGE);
            } else {
                all(d, behaviour, labelled(d, "Blue"), EventRunner.BLOCK, blueOk -> {
                    if (d.stopping) {
                        finishStop(d);
                    } else if (!blueOk) {
                        fail(d, "ELB_INVALID_INSTANCE", "The deployment failed because one or more original instances could not "
                                + "be deregistered from the load balancer.");
                    } else {
                        terminationWait(d);
                    }
                });
            }
        });
    }

    private void terminationWait(Deployment d) {
        BlueGreenDeploymentConfiguration bg = d.group.blueGreenDeploymentConfiguration;
        var termination = bg == null ? null : bg.terminateBlueInstancesOnDeploymentSuccess();
        if (termination == null || !"TERMINATE".equals(termination.actionAsString())) {
            succeed(d);
            return;
        }
        d.instanceTerminationWaitTimeStarted = true;
        d.epoch++;
        int epoch = d.epoch;
        int minutes = termination.terminationWaitTimeInMinutes() == null ? 0 : termination.terminationWaitTimeInMinutes();
        d.terminationContinuation = () -> terminateBlue(d);
        cloud.scheduleIn(Duration.ofMinutes(minutes), () -> {
            if (d.epoch == epoch && d.active() && d.terminationContinuation != null) {
                d.terminationContinuation = null;
                terminateBlue(d);
            }
        });
    }

    /** ContinueDeployment with TERMINATION_WAIT. */
    void continueTermination(Deployment d) {
        Runnable continuation = d.terminationContinuation;
        d.terminationContinuation = null;
        d.epoch++;
        continuation.run();
    }

    private void terminateBlue(Deployment d) {
        if (d.greenAutoScalingGroup != null) {
            AutoScalingGroupActions asg = new AutoScalingGroupActions(cloud);
            for (String original : List.copyOf(d.group.autoScalingGroups)) {
                try {
                    asg.handle(DeleteAutoScalingGroupRequest.builder().autoScalingGroupName(original).forceDelete(true).build(),
                            internal("DeleteAutoScalingGroup"));
                } catch (SimError e) {
                    // Already gone.
                }
            }
            d.group.autoScalingGroups.clear();
            d.group.autoScalingGroups.add(d.greenAutoScalingGroup);
        } else {
            for (DeploymentTarget t : labelled(d, "Blue")) {
                Instance instance = region.ec2().instances().get(t.instanceId);
                if (instance != null) {
                    region.ec2().terminate(instance);
                }
            }
        }
        succeed(d);
    }

    // ---- endings ----

    private void succeed(Deployment d) {
        d.epoch++;
        d.status = "Succeeded";
        d.completeTime = cloud.now();
        DeploymentGroup g = d.group;
        g.targetRevision = d.revision;
        g.lastSuccessfulDeploymentId = d.id;
        for (DeploymentTarget t : d.targets.values()) {
            if (t.status.equals("Succeeded") && !"Blue".equals(t.label)) {
                g.instanceRevisions.put(t.instanceId, d.revision);
            }
        }
        Application.RegisteredRevision known = g.application.revision(d.revision);
        if (known != null) {
            known.lastUsedTime = cloud.now();
        }
    }

    void fail(Deployment d, String code, String message) {
        d.epoch++;
        for (DeploymentTarget t : d.targets.values()) {
            if (t.status.equals("Pending") || t.status.equals("Ready")) {
                t.skipRemaining();
                t.status("Skipped", cloud.now());
            }
        }
        d.status = "Failed";
        d.completeTime = cloud.now();
        d.errorCode = code;
        d.errorMessage = message;
        if (d.rollsBackOn("DEPLOYMENT_FAILURE")) {
            rollback(d, "failed");
        }
    }

    /** StopDeployment: ends at once when nothing is running, else when what runs has finished its current event. */
    String stop(Deployment d, Boolean autoRollbackEnabled) {
        d.stopRollback = autoRollbackEnabled;
        d.stopping = true;
        if (d.targets.values().stream().anyMatch(t -> t.status.equals("InProgress"))) {
            return "Pending";
        }
        // Nothing runs (not started, Ready, waiting for green instances or to terminate blue): stopped now.
        finishStop(d);
        return "Succeeded";
    }

    private void finishStop(Deployment d) {
        if (!d.active()) {
            return;
        }
        d.epoch++;
        d.readyContinuation = null;
        d.terminationContinuation = null;
        for (DeploymentTarget t : d.targets.values()) {
            if (t.status.equals("Pending") || t.status.equals("Ready")) {
                t.skipRemaining();
                t.status("Skipped", cloud.now());
            }
        }
        d.status = "Stopped";
        d.completeTime = cloud.now();
        if (d.errorCode == null) {
            d.errorCode = "MANUAL_STOP";
            d.errorMessage = "The deployment was stopped by a StopDeployment request.";
        }
        boolean rollback = d.stopRollback != null ? d.stopRollback : d.rollsBackOn("DEPLOYMENT_STOP_ON_REQUEST");
        if (rollback) {
            rollback(d, "stopped");
        }
    }

    private void rollback(Deployment d, String what) {
        if (d.blueGreen) {
            restoreBlue(d);
            d.rollbackMessage = "Deployment " + d.id + " " + what + ": the original instances were put back behind the load "
                    + "balancers and the replacement instances were dropped.";
            return;
        }
        if (d.group.targetRevision == null) {
            d.rollbackMessage = "Automatic rollback was not performed: deployment group " + d.group.name
                    + " has no previous successful deployment to roll back to.";
            return;
        }
        Deployment rollback = codeDeploy.startRollback(d);
        d.rollbackDeploymentId = rollback.id;
        d.rollbackMessage = "Deployment " + d.id + " " + what + "; rollback deployment " + rollback.id
                + " redeploys the last successful revision " + Revisions.describe(d.group.targetRevision) + ".";
    }

    private void restoreBlue(Deployment d) {
        List<HealthCheckedPool> pools = Fleet.pools(region, d.group.loadBalancerInfo);
        for (DeploymentTarget t : labelled(d, "Blue")) {
            Instance instance = region.ec2().instances().get(t.instanceId);
            if (instance != null && !instance.terminatedOrGoing()) {
                for (HealthCheckedPool pool : pools) {
                    region.elb().register(pool, instance, 80);
                }
            }
        }
        for (DeploymentTarget t : labelled(d, "Green")) {
            for (HealthCheckedPool pool : pools) {
                region.elb().deregister(pool, t.instanceId);
            }
        }
        if (d.greenAutoScalingGroup != null) {
            try {
                new AutoScalingGroupActions(cloud).handle(DeleteAutoScalingGroupRequest.builder()
                        .autoScalingGroupName(d.greenAutoScalingGroup).forceDelete(true).build(), internal("DeleteAutoScalingGroup"));
            } catch (SimError e) {
                // Already gone.
            }
        }
    }

    /** A call CodeDeploy makes to Auto Scaling on its own behalf (not in the call log). */
    private RequestContext internal(String action) {
        return new RequestContext("autoscaling", action, region.name(), null, "codedeploy-internal", Map.of());
    }
}
