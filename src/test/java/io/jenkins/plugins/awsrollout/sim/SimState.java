package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.autoscaling.AutoScalingGroup;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Region;
import io.jenkins.plugins.awsrollout.sim.elb.ClassicLoadBalancer;
import io.jenkins.plugins.awsrollout.sim.elb.ElbRegion;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import io.jenkins.plugins.awsrollout.sim.ec2.Image;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.ec2.LaunchTemplate;
import io.jenkins.plugins.awsrollout.sim.ec2.SecurityGroup;
import io.jenkins.plugins.awsrollout.sim.ec2.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Read-only snapshots of one region's state, for assertions. Every method catches the world up
 * to the clock first and copies what it returns.
 */
public final class SimState {
    private final Cloud cloud;
    private final String region;

    SimState(Cloud cloud, String region) {
        this.cloud = cloud;
        this.region = region;
    }

    private <T> T read(Function<CloudRegion, T> reader) {
        return cloud.locked(() -> reader.apply(cloud.region(region)));
    }

    /** An EC2 instance as tests see it. */
    public record InstanceView(String id, String state, String imageId, String instanceType, String launchTemplateId,
            String launchTemplateVersion, String availabilityZone, List<String> securityGroupIds, Map<String, String> tags,
            Instance.UserDataStatus userDataStatus, int userDataExitCode, String consoleOutput, boolean failsHealthChecks,
            Instant launchTime) {

        /** The Auto Scaling group the instance was launched by, or null. */
        public String groupName() {
            return tags.get("aws:autoscaling:groupName");
        }
    }

    /** An AMI as tests see it. */
    public record ImageView(String id, String name, String state, String ownerId, String sourceImageId, String sourceRegion,
            List<String> snapshotIds, Map<String, String> tags, Instant deprecationTime, boolean unhealthy,
            Set<String> launchPermissionUsers, boolean isPublic) {}

    /** A snapshot as tests see it. */
    public record SnapshotView(String id, String state, String volumeId, Map<String, String> tags, Set<String> createVolumeUsers) {}

    /** A security group as tests see it. */
    public record SecurityGroupView(String id, String name, String vpcId, int ingressRules) {}

    /** A launch template: default and latest version, and each version's AMI. */
    public record LaunchTemplateView(String id, String name, long defaultVersion, long latestVersion,
            Map<Long, String> imageIdByVersion) {}

    static InstanceView view(Instance i) {
        return new InstanceView(i.id(), i.state(), i.imageId(), i.instanceType(), i.launchTemplateId(), i.launchTemplateVersion(),
                i.availabilityZone(), i.securityGroupIds(), Map.copyOf(i.tags()), i.userDataStatus(), i.userDataExitCode(),
                i.consoleOutput(), i.failsHealthChecks(), i.launchTime());
    }

    public List<InstanceView> instances() {
        return read(r -> r.ec2().instances().values().stream().map(SimState::view).toList());
    }

    /** One instance, or null. */
    public InstanceView instance(String id) {
        return read(r -> {
            Instance i = r.ec2().instances().get(id);
            return i == null ? null : view(i);
        });
    }

    public List<ImageView> images() {
        return read(r -> r.ec2().images().values().stream().map(SimState::view).toList());
    }

    /** One image by id or name, or null. */
    public ImageView image(String idOrName) {
        return images().stream().filter(i -> i.id().equals(idOrName) || idOrName.equals(i.name())).findFirst().orElse(null);
    }

    static ImageView view(Image i) {
        return new ImageView(i.id(), i.name(), i.state(), i.ownerId(), i.sourceImageId(), i.sourceRegion(), i.snapshotIds(),
                Map.copyOf(i.tags()), i.deprecationTime(), i.unhealthy(), i.launchPermissionUsers(), i.isPublic());
    }

    public List<SnapshotView> snapshots() {
        return read(r -> r.ec2().snapshots().values().stream().map(SimState::view).toList());
    }

    static SnapshotView view(Snapshot s) {
        return new SnapshotView(s.id(), s.state(), s.volumeId(), Map.copyOf(s.tags()), s.createVolumeUsers());
    }

    public List<SecurityGroupView> securityGroups() {
        return read(r -> r.ec2().securityGroups().values().stream()
                .map(g -> new SecurityGroupView(g.id(), g.name(), g.vpcId(), g.ingress().size())).toList());
    }

    /** A launch template by name, or null. */
    public LaunchTemplateView launchTemplate(String name) {
        return read(r -> {
            Ec2Region ec2 = r.ec2();
            for (LaunchTemplate t : ec2.launchTemplates().values()) {
                if (t.name().equals(name)) {
                    Map<Long, String> images = new TreeMap<>();
                    for (long v = 1; v <= t.latestVersion(); v++) {
                        LaunchTemplate.Version version = t.version(v);
                        if (version != null) {
                            images.put(v, version.data().imageId());
                        }
                    }
                    return new LaunchTemplateView(t.id(), t.name(), t.defaultVersion(), t.latestVersion(), images);
                }
            }
            return null;
        });
    }

    /** An instance of an Auto Scaling group as tests see it. */
    public record GroupInstanceView(String instanceId, String lifecycleState, String healthStatus, boolean protectedFromScaleIn,
            String imageId, String launchTemplateId, String launchTemplateVersion, String launchConfigurationName) {}

    /** An Auto Scaling group as tests see it. */
    public record GroupView(String name, int minSize, int maxSize, int desiredCapacity, String launchTemplateId,
            String launchTemplateVersion, List<GroupInstanceView> instances, Set<String> suspendedProcesses,
            List<ActivityView> activities, List<RefreshView> refreshes) {

        /** Instances in a lifecycle state, e.g. InService. */
        public List<GroupInstanceView> instances(String lifecycleState) {
            return instances.stream().filter(i -> i.lifecycleState().equals(lifecycleState)).toList();
        }
    }

    /** A scaling activity. */
    public record ActivityView(String description, String cause, String statusCode, String statusMessage, Instant startTime) {}

    /** An instance refresh. */
    public record RefreshView(String id, String status, String statusReason, int percentageComplete, int instancesToUpdate) {}

    /** A group by name, or null. */
    public GroupView group(String name) {
        return read(r -> {
            AutoScalingGroup g = r.autoScaling().groups().get(name);
            if (g == null) {
                return null;
            }
            var template = g.source() == null ? null : g.source().template();
            return new GroupView(g.name(), g.minSize(), g.maxSize(), g.desired(),
                    template == null ? null : template.launchTemplateId(), template == null ? null : template.version(),
                    g.members().values().stream().map(m -> new GroupInstanceView(m.instanceId(), m.lifecycleState(), m.healthStatus(),
                            m.protectedFromScaleIn(), m.imageId(), m.launchTemplateId(), m.launchTemplateVersion(),
                            m.launchConfigurationName())).toList(),
                    g.suspendedProcesses(),
                    g.activities().stream().map(a -> new ActivityView(a.description(), a.cause(), a.statusCode(), a.statusMessage(),
                            a.startTime())).toList(),
                    g.refreshes().stream().map(f -> new RefreshView(f.id(), f.status(), f.statusReason(), f.percentageComplete(),
                            f.instancesToUpdate())).toList());
        });
    }

    /** ELBv2 target health of every registered target (and draining ones) of a target group by name: id to state. */
    public Map<String, ElbRegion.TargetState> targetHealth(String targetGroupName) {
        return read(r -> {
            ElbRegion elb = r.elb();
            TargetGroup tg = elb.targetGroupByName(targetGroupName);
            Map<String, ElbRegion.TargetState> states = new java.util.LinkedHashMap<>();
            tg.registrations().keySet().forEach(id -> states.put(id, elb.targetState(tg, id)));
            return states;
        });
    }

    /** Classic ELB instance health of every registered instance: id to (InService/OutOfService, reason code, description). */
    public Map<String, ElbRegion.TargetState> classicHealth(String loadBalancerName) {
        return read(r -> {
            ElbRegion elb = r.elb();
            ClassicLoadBalancer lb = elb.classicLoadBalancer(loadBalancerName);
            Map<String, ElbRegion.TargetState> states = new java.util.LinkedHashMap<>();
            lb.registrations().keySet().forEach(id -> states.put(id, elb.classicState(lb, id)));
            return states;
        });
    }

    /** Temporary credentials handed out by AssumeRole (with the ExternalId each was asked with). */
    public List<Identity> assumedRoles() {
        return cloud.locked(() -> cloud.identities().stream().filter(i -> i.roleArn() != null).toList());
    }

    /** Simulated time now. */
    public Instant now() {
        return cloud.locked(cloud::now);
    }

}
