package io.jenkins.plugins.awsrollout.sim.codedeploy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration;
import software.amazon.awssdk.services.codedeploy.model.BlueGreenDeploymentConfiguration;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStyle;
import software.amazon.awssdk.services.codedeploy.model.EC2TagFilter;
import software.amazon.awssdk.services.codedeploy.model.ELBInfo;
import software.amazon.awssdk.services.codedeploy.model.LoadBalancerInfo;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.TargetGroupInfo;

/**
 * The {@code codeDeploy} section of a world file, and {@link io.jenkins.plugins.awsrollout.sim.World.Builder#codeDeploy}:
 * timings, custom deployment configurations, applications with their deployment groups. Every
 * field is a JSON member of the same name (docs/simulator.md documents them).
 */
public final class CodeDeploySeed {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    TimingsSeed timings;
    List<ConfigSeed> deploymentConfigs = new ArrayList<>();
    List<ApplicationSeed> applications = new ArrayList<>();
    /** Fluent timings adjustment (not in the world file: that uses {@link #timings}). */
    private transient UnaryOperator<CodeDeployTimings> timingsAdjustment;

    /** Adjusts the timings, e.g. {@code t -> t.withHook(Duration.ofSeconds(10))}. */
    public CodeDeploySeed timings(UnaryOperator<CodeDeployTimings> adjust) {
        timingsAdjustment = adjust;
        return this;
    }

    /** A custom deployment configuration: {@code HOST_COUNT} or {@code FLEET_PERCENT} and its value. */
    public CodeDeploySeed deploymentConfig(String name, String type, int value) {
        ConfigSeed seed = new ConfigSeed();
        seed.name = name;
        seed.type = type;
        seed.value = value;
        deploymentConfigs.add(seed);
        return this;
    }

    public CodeDeploySeed application(String name, Consumer<ApplicationSeed> configure) {
        ApplicationSeed seed = new ApplicationSeed();
        seed.name = name;
        configure.accept(seed);
        applications.add(seed);
        return this;
    }

    /** Durations in (fractional) seconds; absent members keep their defaults. */
    static final class TimingsSeed {
        Double createdSeconds;
        Double queuedSeconds;
        Double hookSeconds;
        Double downloadBundleSeconds;
        Double installSeconds;
        Double trafficSeconds;
        Double trafficTimeoutSeconds;
        Double greenProvisioningTimeoutSeconds;
        Map<String, Double> events = new LinkedHashMap<>();

        CodeDeployTimings apply(CodeDeployTimings t) {
            if (createdSeconds != null) {
                t = t.withCreated(seconds(createdSeconds));
            }
            if (queuedSeconds != null) {
                t = t.withQueued(seconds(queuedSeconds));
            }
            if (hookSeconds != null) {
                t = t.withHook(seconds(hookSeconds));
            }
            if (downloadBundleSeconds != null) {
                t = t.withDownloadBundle(seconds(downloadBundleSeconds));
            }
            if (installSeconds != null) {
                t = t.withInstall(seconds(installSeconds));
            }
            if (trafficSeconds != null) {
                t = t.withTraffic(seconds(trafficSeconds));
            }
            if (trafficTimeoutSeconds != null) {
                t = t.withTrafficTimeout(seconds(trafficTimeoutSeconds));
            }
            if (greenProvisioningTimeoutSeconds != null) {
                t = t.withGreenProvisioningTimeout(seconds(greenProvisioningTimeoutSeconds));
            }
            for (Map.Entry<String, Double> event : events.entrySet()) {
                t = t.withEvent(event.getKey(), seconds(event.getValue()));
            }
            return t;
        }

        private static Duration seconds(double value) {
            return Duration.ofMillis((long) (value * 1000));
        }
    }

    /** A custom deployment configuration. */
    public static final class ConfigSeed {
        String name;
        String region;
        String type = "FLEET_PERCENT";
        int value;
    }

    /** An application and its deployment groups. */
    public static final class ApplicationSeed {
        String name;
        String region;
        List<GroupSeed> deploymentGroups = new ArrayList<>();

        public ApplicationSeed region(String value) { region = value; return this; }

        public ApplicationSeed deploymentGroup(String name, Consumer<GroupSeed> configure) {
            GroupSeed seed = new GroupSeed();
            seed.name = name;
            configure.accept(seed);
            deploymentGroups.add(seed);
            return this;
        }
    }

    /** A deployment group. */
    public static final class GroupSeed {
        String name;
        List<String> autoScalingGroups = new ArrayList<>();
        /** EC2 tag filters: {@code {"key": .., "value": .., "type": "KEY_AND_VALUE"}}. */
        List<TagFilterSeed> ec2TagFilters = new ArrayList<>();
        String deploymentConfig = DeploymentConfig.ONE_AT_A_TIME;
        /** Default: {@code arn:aws:iam::<account>:role/CodeDeployServiceRole}. */
        String serviceRoleArn;
        /** {@code IN_PLACE} or {@code BLUE_GREEN}. */
        String deploymentType = "IN_PLACE";
        /** WITH_TRAFFIC_CONTROL: instances leave and rejoin the load balancers below (true by default when any are named). */
        Boolean trafficControl;
        List<String> targetGroups = new ArrayList<>();
        List<String> classicLoadBalancers = new ArrayList<>();
        /** Auto rollback events (DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_REQUEST, DEPLOYMENT_STOP_ON_ALARM); empty: disabled. */
        List<String> autoRollback = new ArrayList<>();
        /** CloudWatch alarm names (recorded; the simulator has no alarms that fire). */
        List<String> alarms = new ArrayList<>();
        BlueGreenSeed blueGreen;
        /** A revision deployed successfully at time zero: the group's last successful revision (for rollbacks). */
        RevisionSeed deployedRevision;

        public GroupSeed autoScalingGroups(String... value) { autoScalingGroups = List.of(value); return this; }
        public GroupSeed ec2TagFilter(String key, String value) {
            TagFilterSeed filter = new TagFilterSeed();
            filter.key = key;
            filter.value = value;
            ec2TagFilters.add(filter);
            return this;
        }
        public GroupSeed deploymentConfig(String value) { deploymentConfig = value; return this; }
        public GroupSeed serviceRoleArn(String value) { serviceRoleArn = value; return this; }
        public GroupSeed deploymentType(String value) { deploymentType = value; return this; }
        public GroupSeed trafficControl(boolean value) { trafficControl = value; return this; }
        public GroupSeed targetGroups(String... value) { targetGroups = List.of(value); return this; }
        public GroupSeed classicLoadBalancers(String... value) { classicLoadBalancers = List.of(value); return this; }
        public GroupSeed autoRollback(String... events) { autoRollback = List.of(events); return this; }
        public GroupSeed alarms(String... names) { alarms = List.of(names); return this; }

        public GroupSeed blueGreen(Consumer<BlueGreenSeed> configure) {
            blueGreen = new BlueGreenSeed();
            configure.accept(blueGreen);
            deploymentType = "BLUE_GREEN";
            return this;
        }

        /** The S3 bundle deployed successfully at time zero. */
        public GroupSeed deployedRevision(String bucket, String key) {
            deployedRevision = new RevisionSeed();
            deployedRevision.bucket = bucket;
            deployedRevision.key = key;
            return this;
        }
    }

    /** An EC2 tag filter. */
    public static final class TagFilterSeed {
        String key;
        String value;
        String type = "KEY_AND_VALUE";
    }

    /** Blue/green options of a deployment group. */
    public static final class BlueGreenSeed {
        /** DISCOVER_EXISTING or COPY_AUTO_SCALING_GROUP. */
        String greenFleet = "COPY_AUTO_SCALING_GROUP";
        /** CONTINUE_DEPLOYMENT or STOP_DEPLOYMENT. */
        String readyAction = "CONTINUE_DEPLOYMENT";
        int readyWaitMinutes;
        /** TERMINATE or KEEP_ALIVE. */
        String blueAction = "TERMINATE";
        int blueTerminationWaitMinutes = 5;

        public BlueGreenSeed greenFleet(String value) { greenFleet = value; return this; }
        public BlueGreenSeed readyAction(String value) { readyAction = value; return this; }
        public BlueGreenSeed readyWaitMinutes(int value) { readyWaitMinutes = value; return this; }
        public BlueGreenSeed blueAction(String value) { blueAction = value; return this; }
        public BlueGreenSeed blueTerminationWaitMinutes(int value) { blueTerminationWaitMinutes = value; return this; }
    }

    /** An S3 revision. */
    public static final class RevisionSeed {
        String bucket;
        String key;
        String bundleType = "zip";
        String version;
        String eTag;
    }

    /** Reads the world file's {@code codeDeploy} section. */
    public static CodeDeploySeed fromJson(JsonNode section) {
        try {
            return MAPPER.treeToValue(section, CodeDeploySeed.class);
        } catch (IOException e) {
            throw new UncheckedIOException("world file: codeDeploy: " + e.getMessage(), e);
        }
    }

    /** The world-file reader registered in {@code WorldSections}. */
    public static void seed(Cloud cloud, JsonNode section) {
        fromJson(section).seed(cloud);
    }

    /** Creates everything this seed describes (under the world lock, after the Auto Scaling groups and load balancers). */
    public void seed(Cloud cloud) {
        CodeDeployTimings t = CodeDeployTimings.of(cloud);
        if (timings != null) {
            t = timings.apply(t);
        }
        if (timingsAdjustment != null) {
            t = timingsAdjustment.apply(t);
        }
        CodeDeployTimings.set(cloud, t);
        for (ConfigSeed config : deploymentConfigs) {
            CodeDeployRegion.of(region(cloud, config.region)).createConfig(config.name, config.type, config.value);
        }
        for (ApplicationSeed app : applications) {
            CloudRegion region = region(cloud, app.region);
            CodeDeployRegion codeDeploy = CodeDeployRegion.of(region);
            Application application = codeDeploy.createApplication(app.name, "Server");
            for (GroupSeed seed : app.deploymentGroups) {
                seedGroup(cloud, region, codeDeploy, application, seed);
            }
        }
    }

    private static CloudRegion region(Cloud cloud, String name) {
        return name == null ? cloud.defaultRegion() : cloud.region(name);
    }

    private static void seedGroup(Cloud cloud, CloudRegion region, CodeDeployRegion codeDeploy, Application application, GroupSeed seed) {
        codeDeploy.config(seed.deploymentConfig);
        for (String name : seed.autoScalingGroups) {
            if (!region.autoScaling().groups().containsKey(name)) {
                throw new IllegalArgumentException("world: deployment group " + seed.name + ": no Auto Scaling group " + name);
            }
        }
        DeploymentGroup g = codeDeploy.createGroup(application, seed.name);
        g.serviceRoleArn = seed.serviceRoleArn != null ? seed.serviceRoleArn
                : "arn:aws:iam::" + cloud.accountId() + ":role/CodeDeployServiceRole";
        g.deploymentConfigName = seed.deploymentConfig;
        g.autoScalingGroups.addAll(seed.autoScalingGroups);
        g.ec2TagFilters = seed.ec2TagFilters.stream()
                .map(f -> EC2TagFilter.builder().key(f.key).value(f.value).type(f.type).build()).toList();
        boolean loadBalanced = !seed.targetGroups.isEmpty() || !seed.classicLoadBalancers.isEmpty();
        if (loadBalanced) {
            g.loadBalancerInfo = LoadBalancerInfo.builder()
                    .targetGroupInfoList(seed.targetGroups.stream().map(n -> TargetGroupInfo.builder().name(n).build()).toList())
                    .elbInfoList(seed.classicLoadBalancers.stream().map(n -> ELBInfo.builder().name(n).build()).toList()).build();
            List<String> missing = Fleet.missingLoadBalancers(region, g.loadBalancerInfo);
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("world: deployment group " + seed.name + ": no load balancer or target group "
                        + String.join(", ", missing));
            }
        }
        boolean traffic = seed.trafficControl != null ? seed.trafficControl : loadBalanced;
        g.deploymentStyle = DeploymentStyle.builder().deploymentType(seed.deploymentType)
                .deploymentOption(traffic ? "WITH_TRAFFIC_CONTROL" : "WITHOUT_TRAFFIC_CONTROL").build();
        if (!seed.autoRollback.isEmpty()) {
            g.autoRollbackConfiguration = AutoRollbackConfiguration.builder().enabled(true).eventsWithStrings(seed.autoRollback).build();
        }
        if (!seed.alarms.isEmpty()) {
            g.alarmConfiguration = AlarmConfiguration.builder().enabled(true)
                    .alarms(seed.alarms.stream().map(n -> software.amazon.awssdk.services.codedeploy.model.Alarm.builder().name(n).build())
                            .toList()).build();
        }
        if (seed.blueGreen != null) {
            BlueGreenSeed bg = seed.blueGreen;
            g.blueGreenDeploymentConfiguration = BlueGreenDeploymentConfiguration.builder()
                    .greenFleetProvisioningOption(o -> o.action(bg.greenFleet))
                    .deploymentReadyOption(o -> o.actionOnTimeout(bg.readyAction).waitTimeInMinutes(bg.readyWaitMinutes))
                    .terminateBlueInstancesOnDeploymentSuccess(o -> o.action(bg.blueAction)
                            .terminationWaitTimeInMinutes(bg.blueTerminationWaitMinutes)).build();
        }
        if (seed.deployedRevision != null) {
            RevisionSeed r = seed.deployedRevision;
            RevisionLocation revision = RevisionLocation.builder().revisionType("S3").s3Location(l -> l.bucket(r.bucket).key(r.key)
                    .bundleType(r.bundleType).version(r.version).eTag(r.eTag)).build();
            codeDeploy.seedSucceeded(g, revision);
        }
    }
}
