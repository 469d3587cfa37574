package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.CapacityHistory;
import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Region;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.ec2.LaunchSpec;
import io.jenkins.plugins.awsrollout.sim.ec2.LaunchSpecs;
import io.jenkins.plugins.awsrollout.sim.ec2.LaunchTemplate;
import io.jenkins.plugins.awsrollout.sim.ec2.Subnet;
import io.jenkins.plugins.awsrollout.sim.elb.ClassicLoadBalancer;
import io.jenkins.plugins.awsrollout.sim.elb.ElbRegion;
import io.jenkins.plugins.awsrollout.sim.elb.HealthCheckedPool;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateOverrides;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;

/**
 * One region's Auto Scaling groups and what keeps them at capacity.
 *
 * <p>Every change to a group or to one of its instances queues a reconcile at the current
 * instant. A reconcile: (1) health-checks InService instances (EC2 status always; ELB health with
 * HealthCheckType ELB; both only after the grace period; not while HealthCheck is suspended);
 * (2) replaces Unhealthy instances (unless ReplaceUnhealthy is suspended); (3) moves the instance
 * refresh along; (4) launches or terminates to reach desired capacity (unless Launch/Terminate is
 * suspended). Terminations deregister from the group's load balancers and wait for draining
 * before terminating the EC2 instance.
 */
public final class AutoScalingRegion {
    private final Cloud cloud;
    private final CloudRegion region;
    private final Map<String, AutoScalingGroup> groups = new LinkedHashMap<>();
    private final Map<String, LaunchConfiguration> launchConfigurations = new LinkedHashMap<>();
    private final Map<String, CapacityHistory> histories = new HashMap<>();
    private final Map<String, AutoScalingGroup> groupByInstance = new HashMap<>();
    final List<software.amazon.awssdk.services.autoscaling.model.ScalingPolicy> policies = new ArrayList<>();
    private final RefreshRunner refreshRunner;

    /** A legacy launch configuration. */
    public record LaunchConfiguration(String name, String imageId, String instanceType, String userData, Instant createdTime) {}

    public AutoScalingRegion(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
        this.refreshRunner = new RefreshRunner(cloud, this);
    }

    public Map<String, AutoScalingGroup> groups() {
        return groups;
    }

    public Map<String, LaunchConfiguration> launchConfigurations() {
        return launchConfigurations;
    }

    Cloud cloud() {
        return cloud;
    }

    CloudRegion region() {
        return region;
    }

    RefreshRunner refreshRunner() {
        return refreshRunner;
    }

    /** The capacity history of a group (kept after the group is deleted). */
    public CapacityHistory history(String groupName) {
        return histories.computeIfAbsent(groupName, n -> new CapacityHistory());
    }

    public AutoScalingGroup group(String name) {
        AutoScalingGroup group = groups.get(name);
        if (group == null) {
            throw SimError.client("ValidationError", "AutoScalingGroup name not found - AutoScalingGroup '" + name + "' not found");
        }
        return group;
    }

    /** The group an instance belongs to, or null. */
    public AutoScalingGroup groupOf(String instanceId) {
        return groupByInstance.get(instanceId);
    }

    public AutoScalingGroup createGroup(String name) {
        if (groups.containsKey(name)) {
            throw SimError.client("AlreadyExists", "AutoScalingGroup by this name already exists - A group with the name " + name
                    + " already exists");
        }
        String arn = "arn:aws:autoscaling:" + region.name() + ":" + cloud.accountId() + ":autoScalingGroup:" + cloud.ids().uuid()
                + ":autoScalingGroupName/" + name;
        AutoScalingGroup group = new AutoScalingGroup(this, name, arn, cloud.now());
        groups.put(name, group);
        return group;
    }

    public void addLaunchConfiguration(LaunchConfiguration configuration) {
        if (launchConfigurations.putIfAbsent(configuration.name(), configuration) != null) {
            throw SimError.client("AlreadyExists", "Launch Configuration by this name already exists - A launch configuration named "
                    + configuration.name() + " already exists");
        }
    }

    /**
     * World seeding: a group whose {@code instances} are running, InService and healthy (in every
     * attached load balancer) at time zero.
     */
    public AutoScalingGroup seedGroup(String name, LaunchSource source, int instances, int minSize, int maxSize,
            List<String> targetGroupArns, List<String> loadBalancerNames, String healthCheckType, int gracePeriod,
            Integer defaultInstanceWarmup, boolean newInstancesProtected, Map<String, String> tags) {
        AutoScalingGroup g = createGroup(name);
        g.source = source;
        g.minSize = minSize;
        g.maxSize = maxSize;
        g.desired = instances;
        g.healthCheckType = healthCheckType;
        g.healthCheckGracePeriod = gracePeriod;
        g.defaultInstanceWarmup = defaultInstanceWarmup;
        g.newInstancesProtectedFromScaleIn = newInstancesProtected;
        g.targetGroupArns.addAll(targetGroupArns);
        g.loadBalancerNames.addAll(loadBalancerNames);
        region.ec2().subnets().forEach(s -> g.availabilityZones.add(s.availabilityZone()));
        g.tags.putAll(tags);
        g.propagatedTags.addAll(tags.keySet());
        for (int i = 0; i < instances; i++) {
            LaunchSpec spec = spec(g, source);
            Instance instance = region.ec2().launchRunning(spec);
            GroupMember m = new GroupMember(instance.id(), spec.launchTemplateId(), spec.launchTemplateName(),
                    spec.launchTemplateVersion(), source.launchConfigurationName(), spec.imageId(), spec.instanceType(),
                    instance.availabilityZone(), cloud.now());
            m.protectedFromScaleIn = newInstancesProtected;
            m.lifecycleState = "InService";
            m.inServiceAt = cloud.now();
            g.members.put(m.instanceId, m);
            groupByInstance.put(m.instanceId, g);
            for (HealthCheckedPool pool : pools(g)) {
                region.elb().registerHealthy(pool, instance, pool instanceof TargetGroup tg ? tg.port() : 80);
            }
        }
        requestReconcile(g);
        return g;
    }

    void deleteGroup(AutoScalingGroup group) {
        groups.remove(group.name);
        group.members.keySet().forEach(groupByInstance::remove);
    }

    // ---- events from other services ----

    /** An EC2 instance changed state or health. */
    public void instanceChanged(Instance instance, String previousState) {
        AutoScalingGroup group = groupByInstance.get(instance.id());
        if (group == null) {
            return;
        }
        GroupMember m = group.members.get(instance.id());
        if (m == null) {
            return;
        }
        if (instance.running() && m.lifecycleState.equals("Pending")) {
            if (!startHooks(group, m, LAUNCHING, null)) {
                enterService(group, m, instance);
            }
        }
        if (instance.state().equals("terminated") && m.terminating()) {
            removeMember(group, m);
            if (m.terminateActivity != null) {
                m.terminateActivity.finish("Successful", null, cloud.now());
            }
        }
        requestReconcile(group);
    }

    /** A load balancer's view of an instance changed. */
    public void loadBalancerHealthChanged(String instanceId) {
        AutoScalingGroup group = groupByInstance.get(instanceId);
        if (group != null) {
            requestReconcile(group);
        }
    }

    // ---- reconcile ----

    /** Queues one reconcile of the group at the current instant (several requests collapse into one). */
    public void requestReconcile(AutoScalingGroup group) {
        cloud.capacityChanged(group);
        if (group.reconcileQueued) {
            return;
        }
        group.reconcileQueued = true;
        cloud.schedule(cloud.now(), () -> {
            group.reconcileQueued = false;
            if (groups.get(group.name) == group) {
                reconcile(group);
            }
        });
    }

    /** Reconciles the group at {@code at} (once per instant). */
    void wakeAt(AutoScalingGroup group, Instant at) {
        if (!at.isAfter(cloud.now()) || !group.wakeups.add(at)) {
            return;
        }
        cloud.schedule(at, () -> {
            group.wakeups.remove(at);
            requestReconcile(group);
        });
    }

    private void reconcile(AutoScalingGroup group) {
        Ec2Region ec2 = region.ec2();
        Instant now = cloud.now();
        for (GroupMember m : List.copyOf(group.members.values())) {
            Instance instance = ec2.instances().get(m.instanceId);
            if (m.terminating()) {
                continue;
            }
            if ((instance == null || instance.terminatedOrGoing()) && m.counting()) {
                markUnhealthy(m, "an EC2 health check indicating it has been terminated or stopped");
            }
            if (m.lifecycleState.equals("InService") && m.healthStatus.equals("Healthy") && !group.suspended("HealthCheck")
                    && instance != null) {
                checkHealth(group, m, instance, now);
            }
        }
        if (!group.suspended("ReplaceUnhealthy")) {
            for (GroupMember m : List.copyOf(group.members.values())) {
                if (m.counting() && m.healthStatus.equals("Unhealthy")) {
                    terminate(group, m, "At " + iso(now) + " an instance was taken out of service in response to " + m.unhealthyCause + ".",
                            false);
                }
            }
        }
        InstanceRefresh refresh = group.activeRefresh();
        if (refresh != null && !group.suspended("InstanceRefresh")) {
            refreshRunner.step(group, refresh);
        }
        maintainCapacity(group);
        cloud.capacityChanged(group);
    }

    private void checkHealth(AutoScalingGroup group, GroupMember m, Instance instance, Instant now) {
        if (!instance.running()) {
            markUnhealthy(m, "an EC2 health check indicating it has been terminated or stopped");
            return;
        }
        Instant graceEnd = m.inServiceAt.plusSeconds(group.healthCheckGracePeriod);
        if (now.isBefore(graceEnd)) {
            wakeAt(group, graceEnd);
            return;
        }
        if (instance.instanceStatus(now).equals("impaired")) {
            markUnhealthy(m, "an EC2 instance status check failure");
        } else if (group.elbHealthChecks() && failsLoadBalancerHealth(group, m.instanceId)) {
            markUnhealthy(m, "an ELB system health check failure");
        }
    }

    private static void markUnhealthy(GroupMember m, String cause) {
        if (m.healthStatus.equals("Healthy")) {
            m.healthStatus = "Unhealthy";
            m.unhealthyCause = cause;
        }
    }

    private void maintainCapacity(AutoScalingGroup group) {
        InstanceRefresh refresh = group.activeRefresh();
        int target = group.desired + (refresh == null ? 0 : refresh.extra);
        long counting = group.members.values().stream().filter(GroupMember::counting).count();
        Instant now = cloud.now();
        if (counting < target && !group.suspended("Launch")) {
            if (group.launchBackoffUntil != null && now.isBefore(group.launchBackoffUntil)) {
                wakeAt(group, group.launchBackoffUntil);
                return;
            }
            for (long n = counting; n < target; n++) {
                String cause = "At " + iso(now) + " an instance was started in response to a difference between desired and actual "
                        + "capacity, increasing the capacity from " + n + " to " + (n + 1) + ".";
                if (launch(group, refresh == null ? group.source : refresh.target(), cause) == null) {
                    break;
                }
            }
        } else if (counting > target && !group.suspended("Terminate")) {
            List<GroupMember> victims = group.members.values().stream()
                    .filter(m -> m.counting() && !m.protectedFromScaleIn)
                    .sorted(Comparator.comparing((GroupMember m) -> matches(group.source, m) ? 1 : 0)
                            .thenComparing(m -> m.launchedAt))
                    .toList();
            long excess = counting - target;
            for (int i = 0; i < excess && i < victims.size(); i++) {
                terminate(group, victims.get(i), "At " + iso(now) + " an instance was taken out of service in response to a difference "
                        + "between desired and actual capacity, shrinking the capacity from " + (counting - i) + " to "
                        + (counting - i - 1) + ".", false);
            }
        }
    }

    /**
     * Launches one instance for the group from {@code source}; returns the member, or null when the
     * launch failed (the failed activity says why and the group retries after {@code launchRetry}).
     */
    GroupMember launch(AutoScalingGroup group, LaunchSource source, String cause) {
        Instant now = cloud.now();
        try {
            LaunchSpec spec = spec(group, source);
            if (cloud.faults().takeLaunchFailure()) {
                throw SimError.client("InsufficientInstanceCapacity", "We currently do not have sufficient " + spec.instanceType()
                        + " capacity in the Availability Zone you requested (" + region.name() + "a). Our system will be working on "
                        + "provisioning additional capacity.");
            }
            Instance instance = region.ec2().launch(spec, 1).get(0);
            Activity activity = activity(group, "Launching a new EC2 instance: " + instance.id(), cause);
            GroupMember m = new GroupMember(instance.id(), spec.launchTemplateId(), spec.launchTemplateName(),
                    spec.launchTemplateVersion(), source.launchConfigurationName(), spec.imageId(), spec.instanceType(),
                    instance.availabilityZone(), now);
            m.launchActivity = activity;
            m.protectedFromScaleIn = group.newInstancesProtectedFromScaleIn;
            addMember(group, m, instance);
            InstanceRefresh refresh = group.activeRefresh();
            if (refresh != null) {
                refresh.inFlight.add(instance.id());
            }
            return m;
        } catch (SimError e) {
            Activity activity = activity(group, "Launching a new EC2 instance.  Status Reason: " + e.getMessage()
                    + " Launching EC2 instance failed.", cause);
            activity.finish("Failed", e.getMessage() + " Launching EC2 instance failed.", now);
            group.launchBackoffUntil = now.plus(cloud.timings().launchRetry().isZero()
                    ? Duration.ofSeconds(1) : cloud.timings().launchRetry());
            wakeAt(group, group.launchBackoffUntil);
            InstanceRefresh refresh = group.activeRefresh();
            if (refresh != null) {
                refreshRunner.launchFailed(group, refresh, e.getMessage());
            }
            return null;
        }
    }

    /** Adds a running or pending instance to the group; a running one goes InService at once. */
    void addMember(AutoScalingGroup group, GroupMember m, Instance instance) {
        group.members.put(m.instanceId, m);
        groupByInstance.put(m.instanceId, group);
        if (instance.running()) {
            enterService(group, m, instance);
        }
        requestReconcile(group);
    }

    /** Pending (and any launch hooks) done: InService, and registered with the group's load balancers. */
    private void enterService(AutoScalingGroup group, GroupMember m, Instance instance) {
        m.lifecycleState = "InService";
        m.inServiceAt = cloud.now();
        if (m.launchActivity != null) {
            m.launchActivity.finish("Successful", null, cloud.now());
        }
        if (!group.suspended("AddToLoadBalancer")) {
            registerWithLoadBalancers(group, instance);
        }
        requestReconcile(group);
    }

    // ---- lifecycle hooks ----

    static final String LAUNCHING = "autoscaling:EC2_INSTANCE_LAUNCHING";
    static final String TERMINATING = "autoscaling:EC2_INSTANCE_TERMINATING";

    /**
     * Puts the member in Pending:Wait or Terminating:Wait when the group has hooks for that
     * transition; false when it has none. The wait ends with CompleteLifecycleAction for every hook,
     * or with the hooks' default result at the heartbeat timeout.
     */
    private boolean startHooks(AutoScalingGroup group, GroupMember m, String transition, Runnable afterTerminating) {
        List<software.amazon.awssdk.services.autoscaling.model.LifecycleHook> hooks = group.hooks.values().stream()
                .filter(h -> transition.equals(h.lifecycleTransition())).toList();
        if (hooks.isEmpty()) {
            return false;
        }
        m.lifecycleState = transition.equals(LAUNCHING) ? "Pending:Wait" : "Terminating:Wait";
        m.waitingHooks.clear();
        hooks.forEach(h -> m.waitingHooks.add(h.lifecycleHookName()));
        m.hookToken = cloud.ids().uuid();
        m.afterTerminatingHooks = afterTerminating;
        int timeout = hooks.stream().mapToInt(h -> h.heartbeatTimeout() == null ? 3600 : h.heartbeatTimeout()).max().orElse(3600);
        m.hookDeadline = cloud.now().plusSeconds(timeout);
        String token = m.hookToken;
        cloud.schedule(m.hookDeadline, () -> {
            if (token.equals(m.hookToken) && !m.waitingHooks.isEmpty() && !cloud.now().isBefore(m.hookDeadline)) {
                String result = hooks.get(0).defaultResult() == null ? "ABANDON" : hooks.get(0).defaultResult();
                finishHooks(group, m, result);
            }
        });
        requestReconcile(group);
        return true;
    }

    /** A member waiting on lifecycle hooks, by instance id or action token; null when none waits. */
    public GroupMember waitingMember(AutoScalingGroup group, String instanceId, String token) {
        // By id first, without a scan: EC2 asks on every instance state change, which makes a scan quadratic at scale.
        GroupMember byId = instanceId == null ? null : group.members.get(instanceId);
        if (byId != null && !byId.waitingHooks.isEmpty()) {
            return byId;
        }
        if (token == null) {
            return null;
        }
        for (GroupMember m : group.members.values()) {
            if (!m.waitingHooks.isEmpty() && (m.instanceId.equals(instanceId) || (token != null && token.equals(m.hookToken)))) {
                return m;
            }
        }
        return null;
    }

    /** CompleteLifecycleAction for one hook: CONTINUE or ABANDON. */
    public void completeLifecycleAction(AutoScalingGroup group, GroupMember m, String hookName, String result) {
        m.waitingHooks.remove(hookName);
        if ("ABANDON".equals(result) || m.waitingHooks.isEmpty()) {
            finishHooks(group, m, result);
        }
    }

    /** RecordLifecycleActionHeartbeat: the wait restarts its timeout. */
    public void heartbeat(AutoScalingGroup group, GroupMember m) {
        int timeout = group.hooks.values().stream().filter(h -> m.waitingHooks.contains(h.lifecycleHookName()))
                .mapToInt(h -> h.heartbeatTimeout() == null ? 3600 : h.heartbeatTimeout()).max().orElse(3600);
        m.hookDeadline = cloud.now().plusSeconds(timeout);
        String token = m.hookToken;
        cloud.schedule(m.hookDeadline, () -> {
            if (token.equals(m.hookToken) && !m.waitingHooks.isEmpty() && !cloud.now().isBefore(m.hookDeadline)) {
                finishHooks(group, m, "ABANDON");
            }
        });
    }

    private void finishHooks(AutoScalingGroup group, GroupMember m, String result) {
        m.waitingHooks.clear();
        m.hookToken = null;
        if (m.lifecycleState.equals("Pending:Wait")) {
            Instance instance = region.ec2().instances().get(m.instanceId);
            if ("ABANDON".equals(result) || instance == null || !instance.running()) {
                if (m.launchActivity != null) {
                    m.launchActivity.finish("Cancelled", "Instance failed to complete user's Lifecycle Action: Lifecycle Action "
                            + "with token " + m.instanceId + " was abandoned: Lifecycle Action Completed with ABANDON Result", cloud.now());
                }
                m.healthStatus = "Unhealthy";
                m.unhealthyCause = "a lifecycle action that was abandoned";
                m.lifecycleState = "Pending";
                requestReconcile(group);
                return;
            }
            m.lifecycleState = "Pending:Proceed";
            enterService(group, m, instance);
        } else if (m.lifecycleState.equals("Terminating:Wait")) {
            m.lifecycleState = "Terminating:Proceed";
            Runnable next = m.afterTerminatingHooks;
            m.afterTerminatingHooks = null;
            if (next != null) {
                next.run();
            }
        }
    }

    public void putHook(AutoScalingGroup group, software.amazon.awssdk.services.autoscaling.model.LifecycleHook hook) {
        group.hooks.put(hook.lifecycleHookName(), hook);
    }

    void registerWithLoadBalancers(AutoScalingGroup group, Instance instance) {
        ElbRegion elb = region.elb();
        for (String arn : group.targetGroupArns) {
            TargetGroup tg = elb.targetGroups().get(arn);
            if (tg != null) {
                elb.register(tg, instance, tg.port());
            }
        }
        for (String name : group.loadBalancerNames) {
            ClassicLoadBalancer lb = elb.classicLoadBalancers().get(name);
            if (lb != null) {
                elb.register(lb, instance, 80);
            }
        }
    }

    void deregisterFromLoadBalancers(AutoScalingGroup group, String instanceId) {
        ElbRegion elb = region.elb();
        for (HealthCheckedPool pool : pools(group)) {
            elb.deregister(pool, instanceId);
        }
    }

    private List<HealthCheckedPool> pools(AutoScalingGroup group) {
        ElbRegion elb = region.elb();
        List<HealthCheckedPool> pools = new ArrayList<>();
        for (String arn : group.targetGroupArns) {
            TargetGroup tg = elb.targetGroups().get(arn);
            if (tg != null) {
                pools.add(tg);
            }
        }
        for (String name : group.loadBalancerNames) {
            ClassicLoadBalancer lb = elb.classicLoadBalancers().get(name);
            if (lb != null) {
                pools.add(lb);
            }
        }
        return pools;
    }

    private void removeMember(AutoScalingGroup group, GroupMember m) {
        group.members.remove(m.instanceId);
        groupByInstance.remove(m.instanceId);
        requestReconcile(group);
    }

    /** Detaches a member from the group without terminating its instance. */
    void detach(AutoScalingGroup group, GroupMember m) {
        deregisterFromLoadBalancers(group, m.instanceId);
        removeMember(group, m);
    }

    /**
     * Takes a member out of service: deregisters it, waits for draining, then terminates the EC2
     * instance; the member leaves the group when the instance is terminated.
     */
    Activity terminate(AutoScalingGroup group, GroupMember m, String cause, boolean decrement) {
        if (m.terminating()) {
            return m.terminateActivity;
        }
        m.lifecycleState = "Terminating";
        if (decrement) {
            group.desired = Math.max(group.minSize, group.desired - 1);
        }
        Activity activity = activity(group, "Terminating EC2 instance: " + m.instanceId, cause);
        m.terminateActivity = activity;
        drainAndTerminate(group, m, activity);
        requestReconcile(group);
        return activity;
    }

    private void drainAndTerminate(AutoScalingGroup group, GroupMember m, Activity activity) {
        Duration drain = Duration.ZERO;
        for (HealthCheckedPool pool : pools(group)) {
            if (pool.registrations().containsKey(m.instanceId) && pool.drainDelay().compareTo(drain) > 0) {
                drain = pool.drainDelay();
            }
        }
        deregisterFromLoadBalancers(group, m.instanceId);
        if (!drain.isZero()) {
            activity.statusCode = "WaitingForELBConnectionDraining";
        }
        // Deregistered and drained first, then any terminating lifecycle hooks, then EC2 termination.
        cloud.scheduleIn(drain, () -> {
            Runnable terminateInstance = () -> {
                activity.statusCode = "InProgress";
                Instance instance = region.ec2().instances().get(m.instanceId);
                if (instance == null || instance.state().equals("terminated")) {
                    removeMember(group, m);
                    activity.finish("Successful", null, cloud.now());
                } else {
                    region.ec2().terminate(instance);
                }
            };
            if (startHooks(group, m, TERMINATING, terminateInstance)) {
                activity.statusCode = "MidLifecycleAction";
            } else {
                terminateInstance.run();
            }
        });
        requestReconcile(group);
    }

    Activity activity(AutoScalingGroup group, String description, String cause) {
        Activity activity = new Activity(cloud.ids().uuid(), group.name, description, cause, cloud.now());
        group.activities.add(activity);
        return activity;
    }

    /** The launch spec for one instance from a source, with the group's subnets and tags. */
    private LaunchSpec spec(AutoScalingGroup group, LaunchSource source) {
        Ec2Region ec2 = region.ec2();
        LaunchSpecs specs = new LaunchSpecs(ec2, cloud.accountId());
        if (source.launchConfigurationName() != null) {
            LaunchConfiguration lc = launchConfigurations.get(source.launchConfigurationName());
            if (lc == null) {
                throw SimError.client("ValidationError", "Launch configuration name not found - Launch configuration "
                        + source.launchConfigurationName() + " not found");
            }
            specs.imageId(lc.imageId()).instanceType(lc.instanceType());
            if (lc.userData() != null) {
                specs.userData(lc.userData());
            }
        } else {
            LaunchTemplateSpecification spec = source.template();
            LaunchTemplate template = ec2.launchTemplate(spec.launchTemplateId(), spec.launchTemplateName());
            specs.template(template, ec2.launchTemplateVersion(template, spec.version()));
            if (source.mixedInstancesPolicy() != null && source.mixedInstancesPolicy().launchTemplate() != null
                    && source.mixedInstancesPolicy().launchTemplate().hasOverrides()
                    && !source.mixedInstancesPolicy().launchTemplate().overrides().isEmpty()) {
                List<LaunchTemplateOverrides> overrides = source.mixedInstancesPolicy().launchTemplate().overrides();
                LaunchTemplateOverrides o = overrides.get(group.overrideCursor++ % overrides.size());
                if (o.launchTemplateSpecification() != null) {
                    LaunchTemplate t = ec2.launchTemplate(o.launchTemplateSpecification().launchTemplateId(),
                            o.launchTemplateSpecification().launchTemplateName());
                    specs.template(t, ec2.launchTemplateVersion(t, o.launchTemplateSpecification().version()));
                }
                specs.instanceType(o.instanceType()).imageId(o.imageId());
            }
        }
        specs.subnet(nextSubnet(group, ec2));
        Map<String, String> tags = new LinkedHashMap<>();
        for (String key : group.propagatedTags) {
            tags.put(key, group.tags.get(key));
        }
        tags.put("aws:autoscaling:groupName", group.name);
        specs.tags(tags);
        return specs.build();
    }

    private String nextSubnet(AutoScalingGroup group, Ec2Region ec2) {
        List<String> candidates = new ArrayList<>();
        if (group.vpcZoneIdentifier != null && !group.vpcZoneIdentifier.isBlank()) {
            for (String s : group.vpcZoneIdentifier.split(",")) {
                candidates.add(s.trim());
            }
        } else {
            for (Subnet s : ec2.subnets()) {
                if (group.availabilityZones.isEmpty() || group.availabilityZones.contains(s.availabilityZone())) {
                    candidates.add(s.id());
                }
            }
        }
        return candidates.isEmpty() ? null : candidates.get(group.subnetCursor++ % candidates.size());
    }

    // ---- shared judgements ----

    /** True when the member was launched from what {@code source} would launch now. */
    boolean matches(LaunchSource source, GroupMember m) {
        if (source == null) {
            return true;
        }
        if (source.launchConfigurationName() != null) {
            return source.launchConfigurationName().equals(m.launchConfigurationName);
        }
        LaunchTemplateSpecification spec = source.template();
        if (spec == null || m.launchTemplateId == null) {
            return false;
        }
        try {
            LaunchTemplate template = region.ec2().launchTemplate(spec.launchTemplateId(), spec.launchTemplateName());
            long version = template.resolve(spec.version());
            return template.id().equals(m.launchTemplateId) && Long.toString(version).equals(m.launchTemplateVersion);
        } catch (SimError e) {
            return false;
        }
    }

    /** InService, and healthy in every attached target group and classic load balancer (or running when none). */
    boolean healthyEverywhere(AutoScalingGroup group, String instanceId) {
        List<HealthCheckedPool> pools = pools(group);
        if (pools.isEmpty()) {
            Instance instance = region.ec2().instances().get(instanceId);
            return instance != null && instance.running() && !instance.failsHealthChecks();
        }
        for (HealthCheckedPool pool : pools) {
            if (!pool.healthy(instanceId)) {
                return false;
            }
        }
        return true;
    }

    private boolean failsLoadBalancerHealth(AutoScalingGroup group, String instanceId) {
        for (HealthCheckedPool pool : pools(group)) {
            if (pool.unhealthy(instanceId)) {
                return true;
            }
        }
        return false;
    }

    static String iso(Instant instant) {
        return io.jenkins.plugins.awsrollout.sim.protocol.WireValues.iso(instant).replace(".000Z", "Z");
    }
}
