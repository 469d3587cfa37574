package io.jenkins.plugins.awsrollout.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.awsrollout.sim.Seeds.ClassicLoadBalancerSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.GroupSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.ImageSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.LaunchConfigurationSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.LaunchTemplateSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.PrincipalSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.SecurityGroupSeed;
import io.jenkins.plugins.awsrollout.sim.Seeds.TargetGroupSeed;
import io.jenkins.plugins.awsrollout.sim.codedeploy.CodeDeploySeed;
import io.jenkins.plugins.awsrollout.sim.codepipeline.CodePipelineSeed;
import io.jenkins.plugins.awsrollout.sim.s3.S3Seed;
import io.jenkins.plugins.awsrollout.sim.ssm.SsmTimings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the simulated cloud starts with: account, regions, timings, and seeded resources. Build it
 * in code with {@link #builder()} or read a JSON world file with {@link #fromFile(Path)}; then
 * {@link AwsSimulator#start(World, java.time.Clock)} brings it to life at the clock's time
 * ("time zero").
 */
public final class World {
    final String accountId;
    final List<String> regions;
    final long seed;
    final Timings timings;
    final List<ImageSeed> images;
    final List<SecurityGroupSeed> securityGroups;
    final List<String> keyPairs;
    final List<LaunchTemplateSeed> launchTemplates;
    final List<LaunchConfigurationSeed> launchConfigurations;
    final List<TargetGroupSeed> targetGroups;
    final List<ClassicLoadBalancerSeed> classicLoadBalancers;
    final List<GroupSeed> groups;
    final List<PrincipalSeed> principals;
    final Map<String, JsonNode> extensionSections;
    final List<Consumer<Cloud>> customizers;

    private World(Builder b) {
        this.accountId = b.accountId;
        this.regions = b.regions.isEmpty() ? List.of("us-east-1") : List.copyOf(b.regions);
        this.seed = b.seed;
        this.timings = b.timings;
        this.images = List.copyOf(b.images);
        this.securityGroups = List.copyOf(b.securityGroups);
        this.keyPairs = List.copyOf(b.keyPairs);
        this.launchTemplates = List.copyOf(b.launchTemplates);
        this.launchConfigurations = List.copyOf(b.launchConfigurations);
        this.targetGroups = List.copyOf(b.targetGroups);
        this.classicLoadBalancers = List.copyOf(b.classicLoadBalancers);
        this.groups = List.copyOf(b.groups);
        this.principals = List.copyOf(b.principals);
        this.extensionSections = Map.copyOf(b.extensionSections);
        this.customizers = List.copyOf(b.customizers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Reads a JSON world file (format in docs/simulator.md). */
    public static World fromFile(Path file) throws IOException {
        return WorldFile.read(file);
    }

    public String accountId() {
        return accountId;
    }

    public List<String> regions() {
        return regions;
    }

    public Timings timings() {
        return timings;
    }

    /** The world-file section of an extension (e.g. {@code codeDeploy}), or null. */
    public JsonNode extensionSection(String key) {
        return extensionSections.get(key);
    }

    /** Fluent construction of a world. The first region named is the default region. */
    public static final class Builder {
        String accountId = "123456789012";
        final List<String> regions = new ArrayList<>();
        long seed = 42;
        Timings timings = Timings.defaults();
        final List<ImageSeed> images = new ArrayList<>();
        final List<SecurityGroupSeed> securityGroups = new ArrayList<>();
        final List<String> keyPairs = new ArrayList<>();
        final List<LaunchTemplateSeed> launchTemplates = new ArrayList<>();
        final List<LaunchConfigurationSeed> launchConfigurations = new ArrayList<>();
        final List<TargetGroupSeed> targetGroups = new ArrayList<>();
        final List<ClassicLoadBalancerSeed> classicLoadBalancers = new ArrayList<>();
        final List<GroupSeed> groups = new ArrayList<>();
        final List<PrincipalSeed> principals = new ArrayList<>();
        final Map<String, JsonNode> extensionSections = new LinkedHashMap<>();
        final List<Consumer<Cloud>> customizers = new ArrayList<>();

        Builder() {}

        public Builder accountId(String value) {
            accountId = value;
            return this;
        }

        /** Adds a region; the first one is the default for seeds that name none. */
        public Builder region(String name) {
            if (!regions.contains(name)) {
                regions.add(name);
            }
            return this;
        }

        /** Seed for ids and fault draws: the same seed and calls give the same run. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        public Builder timings(Timings value) {
            timings = value;
            return this;
        }

        /** Adjusts the timings, e.g. {@code t -> t.withBoot(Duration.ofSeconds(60))}. */
        public Builder timings(java.util.function.UnaryOperator<Timings> adjust) {
            timings = adjust.apply(timings);
            return this;
        }

        public Builder image(String name) {
            return image(name, i -> { });
        }

        public Builder image(String name, Consumer<ImageSeed> configure) {
            ImageSeed seed = new ImageSeed();
            seed.name = name;
            configure.accept(seed);
            images.add(seed);
            return this;
        }

        public Builder securityGroup(String name) {
            SecurityGroupSeed seed = new SecurityGroupSeed();
            seed.name = name;
            securityGroups.add(seed);
            return this;
        }

        public Builder keyPair(String name) {
            keyPairs.add(name);
            return this;
        }

        public Builder launchTemplate(String name, Consumer<LaunchTemplateSeed> configure) {
            LaunchTemplateSeed seed = new LaunchTemplateSeed();
            seed.name = name;
            configure.accept(seed);
            launchTemplates.add(seed);
            return this;
        }

        public Builder launchConfiguration(String name, Consumer<LaunchConfigurationSeed> configure) {
            LaunchConfigurationSeed seed = new LaunchConfigurationSeed();
            seed.name = name;
            configure.accept(seed);
            launchConfigurations.add(seed);
            return this;
        }

        public Builder targetGroup(String name) {
            return targetGroup(name, t -> { });
        }

        public Builder targetGroup(String name, Consumer<TargetGroupSeed> configure) {
            TargetGroupSeed seed = new TargetGroupSeed();
            seed.name = name;
            configure.accept(seed);
            targetGroups.add(seed);
            return this;
        }

        public Builder classicLoadBalancer(String name) {
            return classicLoadBalancer(name, c -> { });
        }

        public Builder classicLoadBalancer(String name, Consumer<ClassicLoadBalancerSeed> configure) {
            ClassicLoadBalancerSeed seed = new ClassicLoadBalancerSeed();
            seed.name = name;
            configure.accept(seed);
            classicLoadBalancers.add(seed);
            return this;
        }

        public Builder autoScalingGroup(String name, Consumer<GroupSeed> configure) {
            GroupSeed seed = new GroupSeed();
            seed.name = name;
            configure.accept(seed);
            groups.add(seed);
            return this;
        }

        /** Gives an access key a fixed identity ARN (and so account), e.g. another account's user. */
        public Builder principal(String accessKeyId, String arn) {
            PrincipalSeed seed = new PrincipalSeed();
            seed.accessKeyId = accessKeyId;
            seed.arn = arn;
            principals.add(seed);
            return this;
        }

        /** Keeps an extension's world-file section (read by {@link WorldSections}). */
        public Builder extensionSection(String key, JsonNode section) {
            extensionSections.put(key, section);
            return this;
        }

        // ---- CodeDeploy, S3, SSM (seeded by sim/codedeploy, sim/s3, sim/ssm after the core resources) ----

        /** CodeDeploy applications, deployment groups, configurations and timings. */
        public Builder codeDeploy(Consumer<CodeDeploySeed> configure) {
            CodeDeploySeed seed = new CodeDeploySeed();
            configure.accept(seed);
            return customize(seed::seed);
        }

        /** CodePipeline pipelines (seeded after CodeDeploy, whose deployment groups their deploy actions use). */
        public Builder codePipeline(Consumer<CodePipelineSeed> configure) {
            CodePipelineSeed seed = new CodePipelineSeed();
            configure.accept(seed);
            return customize(seed::seed);
        }

        /** An S3 bucket (and its objects) present at time zero. */
        public Builder s3Bucket(String name, Consumer<S3Seed.BucketSeed> configure) {
            return customize(S3Seed.bucket(name, configure)::seed);
        }

        /** Adjusts how long SSM Run Command takes besides the commands themselves. */
        public Builder ssmTimings(java.util.function.UnaryOperator<SsmTimings> adjust) {
            return customize(cloud -> SsmTimings.set(cloud, adjust.apply(SsmTimings.of(cloud))));
        }

        /** Runs after the core seeding, under the world lock: a hook for seeding services added later. */
        public Builder customize(Consumer<Cloud> customizer) {
            customizers.add(customizer);
            return this;
        }

        public World build() {
            return new World(this);
        }
    }
}
