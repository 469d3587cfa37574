package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.TargetInstances;

/** One region's CodeDeploy applications, custom deployment configurations and deployments. */
public final class CodeDeployRegion {
    private static final Pattern DEPLOYMENT_ID = Pattern.compile("d-[A-Z0-9]{9}");

    private final Cloud cloud;
    private final CloudRegion region;
    private final Map<String, Application> applications = new LinkedHashMap<>();
    private final Map<String, DeploymentConfig> customConfigs = new LinkedHashMap<>();
    private final Map<String, Deployment> deployments = new LinkedHashMap<>();
    private final DeploymentRunner runner;

    private CodeDeployRegion(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
        this.runner = new DeploymentRunner(cloud, region, this);
    }

    /** The CodeDeploy state of a region (call under the world lock). */
    public static CodeDeployRegion of(CloudRegion region) {
        return region.extension(CodeDeployRegion.class, r -> new CodeDeployRegion(r.cloud(), r));
    }

    public Map<String, Application> applications() {
        return applications;
    }

    public Map<String, Deployment> deployments() {
        return deployments;
    }

    DeploymentRunner runner() {
        return runner;
    }

    CloudRegion region() {
        return region;
    }

    // ---- lookups that fail as CodeDeploy does ----

    Application application(String name) {
        Application application = name == null ? null : applications.get(name);
        if (application == null) {
            throw SimError.client("ApplicationDoesNotExistException", "No application found for name: " + name);
        }
        return application;
    }

    DeploymentGroup group(Application application, String name) {
        DeploymentGroup group = name == null ? null : application.groups.get(name);
        if (group == null) {
            throw SimError.client("DeploymentGroupDoesNotExistException", "No Deployment Group found for name: " + name);
        }
        return group;
    }

    /** A predefined or custom configuration by name. */
    DeploymentConfig config(String name) {
        for (DeploymentConfig predefined : DeploymentConfig.PREDEFINED) {
            if (predefined.name().equals(name)) {
                return predefined;
            }
        }
        DeploymentConfig custom = name == null ? null : customConfigs.get(name);
        if (custom == null) {
            throw SimError.client("DeploymentConfigDoesNotExistException", "No deployment configuration found for name: " + name);
        }
        return custom;
    }

    List<DeploymentConfig> configs() {
        List<DeploymentConfig> all = new java.util.ArrayList<>(DeploymentConfig.PREDEFINED);
        all.addAll(customConfigs.values());
        return all;
    }

    Deployment deployment(String id) {
        if (id == null || !DEPLOYMENT_ID.matcher(id).matches()) {
            throw SimError.client("InvalidDeploymentIdException", "Specified DeploymentId is not in the valid format: " + id);
        }
        Deployment deployment = deployments.get(id);
        if (deployment == null) {
            throw SimError.client("DeploymentDoesNotExistException", "The deployment " + id + " could not be found.");
        }
        return deployment;
    }

    // ---- creation ----

    Application createApplication(String name, String computePlatform) {
        if (applications.containsKey(name)) {
            throw SimError.client("ApplicationAlreadyExistsException", "The application " + name + " already exists with the IAM "
                    + "user or AWS account.");
        }
        Application application = new Application(cloud.ids().uuid(), name, cloud.now(),
                computePlatform == null ? "Server" : computePlatform);
        applications.put(name, application);
        return application;
    }

    DeploymentGroup createGroup(Application application, String name) {
        if (application.groups.containsKey(name)) {
            throw SimError.client("DeploymentGroupAlreadyExistsException", "The deployment group " + name
                    + " already exists for application " + application.name + ".");
        }
        DeploymentGroup group = new DeploymentGroup(application, cloud.ids().uuid(), name);
        application.groups.put(name, group);
        return group;
    }

    DeploymentConfig createConfig(String name, String type, int value) {
        if (customConfigs.containsKey(name) || DeploymentConfig.PREDEFINED.stream().anyMatch(c -> c.name().equals(name))) {
            throw SimError.client("DeploymentConfigAlreadyExistsException", "A deployment configuration with the name " + name
                    + " already exists.");
        }
        if (!"HOST_COUNT".equals(type) && !"FLEET_PERCENT".equals(type) || value < 0
                || ("FLEET_PERCENT".equals(type) && value > 99)) {
            throw SimError.client("InvalidMinimumHealthyHostValueException", "The minimum healthy instance value must be a "
                    + "HOST_COUNT of 0 or more, or a FLEET_PERCENT from 0 to 99.");
        }
        DeploymentConfig config = new DeploymentConfig(name, cloud.ids().uuid(), type, value, cloud.now());
        customConfigs.put(name, config);
        return config;
    }

    /** The active deployment of a group, or null. */
    Deployment activeDeployment(DeploymentGroup group) {
        for (Deployment d : deployments.values()) {
            if (d.group == group && d.active() && !d.creator.equals(AutoScalingDeployments.CREATOR)) {
                return d;
            }
        }
        return null;
    }

    /**
     * Creates a deployment (Created) with its targets: the group's InService instances now (for
     * blue/green these are the original, Blue, instances; the replacement, Green, ones come from
     * {@code targetInstances} or a copied Auto Scaling group).
     */
    Deployment createDeployment(DeploymentGroup group, DeploymentConfig config, RevisionLocation revision, String creator,
            String description, boolean ignoreApplicationStopFailures, boolean updateOutdatedInstancesOnly, String fileExistsBehavior,
            TargetInstances targetInstances, AutoRollbackConfiguration autoRollback, AlarmConfiguration overrideAlarms) {
        return createDeployment(group, config, revision, creator, description, ignoreApplicationStopFailures,
                updateOutdatedInstancesOnly, fileExistsBehavior, targetInstances, autoRollback, overrideAlarms, null);
    }

    /** As above; {@code only} (when not null) replaces the group's instances as the in-place targets. */
    Deployment createDeployment(DeploymentGroup group, DeploymentConfig config, RevisionLocation revision, String creator,
            String description, boolean ignoreApplicationStopFailures, boolean updateOutdatedInstancesOnly, String fileExistsBehavior,
            TargetInstances targetInstances, AutoRollbackConfiguration autoRollback, AlarmConfiguration overrideAlarms,
            List<String> only) {
        Deployment active = only != null ? null : activeDeployment(group);
        if (active != null) {
            throw SimError.client("DeploymentLimitExceededException", "The Deployment Group '" + group.name + "' for Application '"
                    + group.application.name + "' has an active Deployment '" + active.id + "'");
        }
        String id;
        do {
            id = cloud.ids().upper("d-", 9);
        } while (deployments.containsKey(id));
        Deployment d = new Deployment(id, group, config, revision, group.targetRevision, creator, description, cloud.now(),
                ignoreApplicationStopFailures, updateOutdatedInstancesOnly, fileExistsBehavior, targetInstances, autoRollback,
                overrideAlarms);
        List<String> current = only != null ? only
                : Fleet.instances(region, group.autoScalingGroups, group.ec2TagFilters, group.ec2TagSet);
        if (d.blueGreen && only == null) {
            for (String instanceId : current) {
                d.targets.put(instanceId, new DeploymentTarget(instanceId, "Blue", EventRunner.BLOCK, cloud.now()));
            }
            if (targetInstances != null) {
                List<String> green = Fleet.instances(region,
                        targetInstances.hasAutoScalingGroups() ? targetInstances.autoScalingGroups() : List.of(),
                        targetInstances.hasTagFilters() ? targetInstances.tagFilters() : List.of(), targetInstances.ec2TagSet());
                for (String instanceId : green) {
                    d.targets.putIfAbsent(instanceId, new DeploymentTarget(instanceId, "Green", DeploymentRunner.greenEvents(),
                            cloud.now()));
                }
            }
        } else {
            List<String> events = DeploymentRunner.inPlaceEvents(d.trafficControl);
            for (String instanceId : current) {
                if (updateOutdatedInstancesOnly && Revisions.same(group.instanceRevisions.get(instanceId), revision)) {
                    continue;
                }
                d.targets.put(instanceId, new DeploymentTarget(instanceId, null, events, cloud.now()));
            }
        }
        deployments.put(id, d);
        if (only == null) {
            group.lastAttemptedDeploymentId = id;
        }
        Application.RegisteredRevision known = group.application.remember(revision, null, cloud.now());
        if (known.firstUsedTime == null) {
            known.firstUsedTime = cloud.now();
        }
        known.lastUsedTime = cloud.now();
        if (!known.deploymentGroups.contains(group.name)) {
            known.deploymentGroups.add(group.name);
        }
        runner.created(d);
        return d;
    }

    /**
     * A deployment another service asks for (CodePipeline's CodeDeploy action): the group's configuration, created as
     * {@code CreateDeployment} would (its errors are the same), and {@code onEnd} hears the final status and the
     * deployment's error message (null when it succeeded).
     */
    public String deployFor(String creator, String applicationName, String groupName, RevisionLocation revision, String description,
            java.util.function.BiConsumer<String, String> onEnd) {
        DeploymentGroup group = group(application(applicationName), groupName);
        Revisions.validate(revision);
        Deployment d = createDeployment(group, config(group.deploymentConfigName), revision, creator, description, false, false,
                "DISALLOW", null, null, null);
        d.onComplete = status -> onEnd.accept(status, d.errorMessage);
        return d.id;
    }

    /** The deployment that rolls {@code failed} back: the group's last successful revision, to the group's instances now. */
    Deployment startRollback(Deployment failed) {
        Deployment rollback = createDeployment(failed.group, failed.config, failed.group.targetRevision, "codeDeployRollback",
                "Rollback of deployment " + failed.id, failed.ignoreApplicationStopFailures, false, failed.fileExistsBehavior, null,
                AutoRollbackConfiguration.builder().enabled(false).build(), null);
        rollback.rollbackTriggeringDeploymentId = failed.id;
        rollback.rollbackMessage = "Automatic rollback of deployment " + failed.id + " to the last successful revision "
                + Revisions.describe(failed.group.targetRevision) + ".";
        return rollback;
    }

    /**
     * World seeding: records a Succeeded deployment of {@code revision} to the group's instances
     * at time zero, so that the group has a last successful revision to roll back to.
     */
    Deployment seedSucceeded(DeploymentGroup group, RevisionLocation revision) {
        Deployment d = createDeployment(group, config(group.deploymentConfigName), revision, "user", "seeded", false, false,
                "DISALLOW", null, null, null);
        d.epoch++;
        d.status = "Succeeded";
        d.startTime = cloud.now();
        d.completeTime = cloud.now();
        if (d.blueGreen) {
            List<String> ids = List.copyOf(d.targets.keySet());
            d.targets.clear();
            ids.forEach(id -> d.targets.put(id, new DeploymentTarget(id, null, EventRunner.CORE, cloud.now())));
        }
        for (DeploymentTarget t : d.targets.values()) {
            for (LifecycleEventRun e : t.events) {
                e.startTime = cloud.now();
                e.succeed(cloud.now(), null);
            }
            t.status("Succeeded", cloud.now());
            group.instanceRevisions.put(t.instanceId, revision);
        }
        group.targetRevision = revision;
        group.lastSuccessfulDeploymentId = d.id;
        return d;
    }
}
