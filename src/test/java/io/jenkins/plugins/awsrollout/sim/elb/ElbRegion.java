package io.jenkins.plugins.awsrollout.sim.elb;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.elb.Registration.Phase;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One region's load balancers and the health of what is registered with them.
 *
 * <p>A registration moves REGISTERING (until the instance runs and {@code registration} has
 * passed) → CHECKING (for {@code healthCheck}) → HEALTHY, or UNHEALTHY when the instance fails
 * health checks. A healthy instance that starts failing turns UNHEALTHY one {@code healthCheck}
 * later (and back). Stopped instances are STOPPED; terminated ones are deregistered. A
 * deregistered target drains for its target group's deregistration delay, then disappears.
 */
public final class ElbRegion {
    private final Cloud cloud;
    private final CloudRegion region;
    private final Map<String, TargetGroup> targetGroups = new LinkedHashMap<>();
    private final Map<String, LoadBalancerV2> loadBalancers = new LinkedHashMap<>();
    private final Map<String, ClassicLoadBalancer> classicLoadBalancers = new LinkedHashMap<>();
    /** Instance id to the pools it is registered with, so an instance change touches only those. */
    private final Map<String, List<HealthCheckedPool>> poolsByInstance = new HashMap<>();

    public ElbRegion(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
    }

    public Map<String, TargetGroup> targetGroups() {
        return targetGroups;
    }

    public Map<String, LoadBalancerV2> loadBalancers() {
        return loadBalancers;
    }

    public Map<String, ClassicLoadBalancer> classicLoadBalancers() {
        return classicLoadBalancers;
    }

    // ---- lookups ----

    public TargetGroup targetGroup(String arn) {
        TargetGroup tg = targetGroups.get(arn);
        if (tg == null) {
            throw SimError.client("TargetGroupNotFound", "One or more target groups not found");
        }
        return tg;
    }

    public TargetGroup targetGroupByName(String name) {
        return targetGroups.values().stream().filter(t -> t.name.equals(name)).findFirst()
                .orElseThrow(() -> SimError.client("TargetGroupNotFound", "One or more target groups not found"));
    }

    public LoadBalancerV2 loadBalancer(String arn) {
        LoadBalancerV2 lb = loadBalancers.get(arn);
        if (lb == null) {
            throw SimError.client("LoadBalancerNotFound", "One or more load balancers not found");
        }
        return lb;
    }

    public ClassicLoadBalancer classicLoadBalancer(String name) {
        ClassicLoadBalancer lb = classicLoadBalancers.get(name);
        if (lb == null) {
            throw SimError.client("LoadBalancerNotFound", "There is no ACTIVE Load Balancer named '" + name + "'");
        }
        return lb;
    }

    // ---- creation ----

    public TargetGroup createTargetGroup(String name, String protocol, int port, String vpcId, String healthCheckPath) {
        for (TargetGroup existing : targetGroups.values()) {
            if (existing.name.equals(name)) {
                if (existing.port == port && existing.protocol.equals(protocol)) {
                    return existing;
                }
                throw SimError.client("DuplicateTargetGroupName",
                        "A target group with the same name '" + name + "' exists, but with different settings");
            }
        }
        String arn = "arn:aws:elasticloadbalancing:" + region.name() + ":" + cloud.accountId() + ":targetgroup/" + name + "/"
                + cloud.ids().hex("", 16);
        TargetGroup tg = new TargetGroup(arn, name, protocol, port, vpcId == null ? region.ec2().vpcId() : vpcId,
                healthCheckPath == null ? "/" : healthCheckPath, cloud.now());
        targetGroups.put(arn, tg);
        return tg;
    }

    public LoadBalancerV2 createLoadBalancer(String name, String type, String scheme) {
        for (LoadBalancerV2 existing : loadBalancers.values()) {
            if (existing.name.equals(name)) {
                return existing;
            }
        }
        String kind = "network".equals(type) ? "net" : "app";
        String hex = cloud.ids().hex("", 16);
        String arn = "arn:aws:elasticloadbalancing:" + region.name() + ":" + cloud.accountId() + ":loadbalancer/" + kind + "/"
                + name + "/" + hex;
        LoadBalancerV2 lb = new LoadBalancerV2(arn, name, type == null ? "application" : type, scheme == null ? "internet-facing" : scheme,
                name + "-" + hex.substring(0, 10) + "." + region.name() + ".elb.amazonaws.com", region.ec2().vpcId(), cloud.now());
        region.ec2().subnets().forEach(s -> lb.subnets.add(s.id()));
        loadBalancers.put(arn, lb);
        return lb;
    }

    /** A listener that forwards to {@code targetGroupArn}: the target group is now in use. */
    public LoadBalancerV2.Listener createListener(LoadBalancerV2 lb, String protocol, int port, String targetGroupArn) {
        String arn = lb.arn.replace(":loadbalancer/", ":listener/") + "/" + cloud.ids().hex("", 16);
        LoadBalancerV2.Listener listener = new LoadBalancerV2.Listener(arn, protocol, port, targetGroupArn);
        lb.listeners.add(listener);
        if (targetGroupArn != null) {
            TargetGroup tg = targetGroup(targetGroupArn);
            if (!tg.loadBalancerArns.contains(lb.arn)) {
                tg.loadBalancerArns.add(lb.arn);
            }
            tg.registrations.keySet().forEach(region.autoScaling()::loadBalancerHealthChanged);
        }
        return listener;
    }

    /** DeleteListener: its target group is no longer in use through it. */
    public void deleteListener(String listenerArn) {
        for (LoadBalancerV2 lb : loadBalancers.values()) {
            for (LoadBalancerV2.Listener listener : List.copyOf(lb.listeners)) {
                if (listener.arn().equals(listenerArn)) {
                    lb.listeners.remove(listener);
                    unlink(lb, listener.targetGroupArn());
                }
            }
        }
    }

    /** DeleteLoadBalancer: with its listeners. */
    public void deleteLoadBalancer(String arn) {
        LoadBalancerV2 lb = loadBalancers.remove(arn);
        if (lb != null) {
            lb.listeners.forEach(l -> unlink(lb, l.targetGroupArn()));
            lb.listeners.clear();
        }
    }

    private void unlink(LoadBalancerV2 lb, String targetGroupArn) {
        TargetGroup tg = targetGroupArn == null ? null : targetGroups.get(targetGroupArn);
        if (tg != null && lb.listeners.stream().noneMatch(l -> targetGroupArn.equals(l.targetGroupArn()))) {
            tg.loadBalancerArns.remove(lb.arn);
            tg.registrations.keySet().forEach(region.autoScaling()::loadBalancerHealthChanged);
        }
    }

    public ClassicLoadBalancer createClassicLoadBalancer(String name, String scheme) {
        ClassicLoadBalancer existing = classicLoadBalancers.get(name);
        if (existing != null) {
            return existing;
        }
        ClassicLoadBalancer lb = new ClassicLoadBalancer(name, name + "-" + cloud.ids().hex("", 9) + "." + region.name()
                + ".elb.amazonaws.com", cloud.now(), scheme == null ? "internet-facing" : scheme);
        classicLoadBalancers.put(name, lb);
        return lb;
    }

    public void setAttribute(TargetGroup tg, String key, String value) {
        tg.attributes.put(key, value);
    }

    public void addClassicListener(ClassicLoadBalancer lb, software.amazon.awssdk.services.elasticloadbalancing.model.Listener listener,
            String healthCheckTarget) {
        lb.listeners.add(listener);
        lb.healthCheck = lb.healthCheck.toBuilder().target(healthCheckTarget).build();
    }

    // ---- registration ----

    /** Registers an instance (pending or running) with a pool; re-registering a draining one revives it. */
    public void register(HealthCheckedPool pool, Instance instance, int port) {
        Registration existing = pool.registrations.get(instance.id());
        if (existing != null && existing.phase != Phase.DRAINING) {
            return;
        }
        if (existing != null) {
            existing.epoch++;
        }
        Registration registration = new Registration(instance.id(), port, instance.availabilityZone(), cloud.now());
        pool.registrations.put(instance.id(), registration);
        List<HealthCheckedPool> pools = poolsByInstance.computeIfAbsent(instance.id(), k -> new ArrayList<>());
        if (!pools.contains(pool)) {
            pools.add(pool);
        }
        refresh(pool, registration, instance);
    }

    /** World seeding: registers a running instance that has already passed its health checks. */
    public void registerHealthy(HealthCheckedPool pool, Instance instance, int port) {
        register(pool, instance, port);
        Registration registration = pool.registrations.get(instance.id());
        registration.epoch++;
        registration.timerPending = false;
        registration.phase = instance.passesHealthChecks() ? Phase.HEALTHY : Phase.UNHEALTHY;
    }

    /** Deregisters: the registration drains for the pool's delay, then is gone. Unknown ids are ignored. */
    public void deregister(HealthCheckedPool pool, String instanceId) {
        Registration registration = pool.registrations.get(instanceId);
        if (registration == null || registration.phase == Phase.DRAINING) {
            return;
        }
        registration.epoch++;
        Duration delay = pool.drainDelay();
        if (delay.isZero()) {
            remove(pool, registration);
        } else {
            set(registration, Phase.DRAINING);
            registration.drainUntil = cloud.now().plus(delay);
            int epoch = registration.epoch;
            cloud.scheduleIn(delay, () -> {
                if (registration.epoch == epoch && pool.registrations.get(instanceId) == registration) {
                    remove(pool, registration);
                }
            });
        }
        region.autoScaling().loadBalancerHealthChanged(instanceId);
    }

    private void remove(HealthCheckedPool pool, Registration registration) {
        pool.registrations.remove(registration.instanceId);
        List<HealthCheckedPool> pools = poolsByInstance.get(registration.instanceId);
        if (pools != null) {
            pools.remove(pool);
            if (pools.isEmpty()) {
                poolsByInstance.remove(registration.instanceId);
            }
        }
        region.autoScaling().loadBalancerHealthChanged(registration.instanceId);
    }

    /** True when the instance is still draining from any pool. */
    public boolean draining(String instanceId) {
        for (HealthCheckedPool pool : poolsByInstance.getOrDefault(instanceId, List.of())) {
            Registration r = pool.registrations.get(instanceId);
            if (r != null && r.phase == Phase.DRAINING) {
                return true;
            }
        }
        return false;
    }

    /** The instance's state changed or its health did: move every registration of it along. */
    public void instanceChanged(Instance instance) {
        for (HealthCheckedPool pool : List.copyOf(poolsByInstance.getOrDefault(instance.id(), List.of()))) {
            Registration registration = pool.registrations.get(instance.id());
            if (registration != null) {
                refresh(pool, registration, instance);
            }
        }
    }

    private void refresh(HealthCheckedPool pool, Registration r, Instance instance) {
        if (r.phase == Phase.DRAINING) {
            return;
        }
        if (instance.terminatedOrGoing()) {
            // EC2 deregisters terminated instances by itself; they drain like any other.
            deregister(pool, r.instanceId);
            return;
        }
        if (!instance.running()) {
            r.epoch++;
            r.timerPending = false;
            set(r, instance.state().equals("pending") ? Phase.REGISTERING : Phase.STOPPED);
            return;
        }
        switch (r.phase) {
            case REGISTERING, STOPPED -> {
                set(r, Phase.REGISTERING);
                Instant settled = r.registeredAt.plus(cloud.timings().registration());
                timer(pool, r, settled.isAfter(cloud.now()) ? Duration.between(cloud.now(), settled) : Duration.ZERO, () -> {
                    set(r, Phase.CHECKING);
                    timer(pool, r, cloud.timings().healthCheck(), () -> set(r, verdict(r)));
                });
            }
            case CHECKING -> { }
            case HEALTHY, UNHEALTHY -> {
                Phase wanted = verdict(r);
                if (wanted != r.phase && !r.timerPending) {
                    timer(pool, r, cloud.timings().healthCheck(), () -> set(r, verdict(r)));
                }
            }
            default -> { }
        }
    }

    private Phase verdict(Registration r) {
        Instance instance = region.ec2().instances().get(r.instanceId);
        return instance != null && instance.passesHealthChecks() ? Phase.HEALTHY : Phase.UNHEALTHY;
    }

    private void timer(HealthCheckedPool pool, Registration r, Duration delay, Runnable action) {
        r.timerPending = true;
        int epoch = r.epoch;
        cloud.scheduleIn(delay, () -> {
            if (r.epoch != epoch || pool.registrations.get(r.instanceId) != r) {
                return;
            }
            r.timerPending = false;
            action.run();
            // The instance may have changed while the timer ran: settle again.
            Instance instance = region.ec2().instances().get(r.instanceId);
            if (instance != null && !r.timerPending) {
                refresh(pool, r, instance);
            }
        });
    }

    private void set(Registration r, Phase phase) {
        if (r.phase != phase) {
            r.phase = phase;
            region.autoScaling().loadBalancerHealthChanged(r.instanceId);
        }
    }

    // ---- what the load balancers report ----

    /** ELBv2 TargetHealth state, reason code and description for an instance id. */
    public record TargetState(String state, String reason, String description) {}

    public TargetState targetState(TargetGroup tg, String instanceId) {
        Registration r = tg.registrations.get(instanceId);
        if (r == null) {
            return new TargetState("unused", "Target.NotRegistered", "Target is not registered to the target group");
        }
        if (r.phase == Phase.DRAINING) {
            return new TargetState("draining", "Target.DeregistrationInProgress", "Target deregistration is in progress");
        }
        if (!tg.inUse()) {
            return new TargetState("unused", "Target.NotInUse", "Target group is not configured to receive traffic from the load balancer");
        }
        return switch (r.phase) {
            case REGISTERING -> new TargetState("initial", "Elb.RegistrationInProgress", "Target registration is in progress");
            case CHECKING -> new TargetState("initial", "Elb.InitialHealthChecking", "Initial health checks in progress");
            case HEALTHY -> new TargetState("healthy", null, null);
            case UNHEALTHY -> new TargetState("unhealthy", "Target.FailedHealthChecks", "Health checks failed");
            case STOPPED -> new TargetState("unused", "Target.InvalidState", "Target is in the stopped state");
            default -> new TargetState("unavailable", "Elb.InternalError", "Health checks failed due to an internal error");
        };
    }

    /** Classic ELB InstanceState: state, reason code, description. */
    public TargetState classicState(ClassicLoadBalancer lb, String instanceId) {
        Registration r = lb.registrations.get(instanceId);
        if (r == null) {
            return new TargetState("OutOfService", "Instance", "Instance is not currently registered with the LoadBalancer.");
        }
        Instance instance = region.ec2().instances().get(instanceId);
        return switch (r.phase) {
            case REGISTERING -> instance != null && instance.state().equals("pending")
                    ? new TargetState("OutOfService", "Instance", "Instance is in pending state.")
                    : new TargetState("OutOfService", "ELB", "Instance registration is still in progress.");
            case CHECKING -> new TargetState("OutOfService", "Instance",
                    "Instance has not passed the configured HealthyThreshold number of health checks consecutively.");
            case HEALTHY -> new TargetState("InService", "N/A", "N/A");
            case UNHEALTHY -> new TargetState("OutOfService", "Instance",
                    "Instance has failed at least the UnhealthyThreshold number of health checks consecutively.");
            case STOPPED -> new TargetState("OutOfService", "Instance", "Instance is in stopped state.");
            case DRAINING -> new TargetState("OutOfService", "Instance", "Instance deregistration currently in progress.");
        };
    }
}
