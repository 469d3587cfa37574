package io.jenkins.plugins.awsrollout.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link World} starts with, one class per resource kind. The same classes back the fluent
 * builder and the JSON world file: every field is a JSON member of the same name
 * (docs/simulator.md documents them).
 */
public final class Seeds {
    private Seeds() {}

    /** An AMI, available at time zero. */
    public static final class ImageSeed {
        String name;
        String id;
        String region;
        String description;
        /** Owner alias, e.g. {@code amazon}; null means the world's own account. */
        String ownerAlias;
        boolean isPublic;
        Map<String, String> tags = new LinkedHashMap<>();
        /** ISO-8601 deprecation time, or null. */
        String deprecateAt;
        /** Instances of this AMI never pass health checks. */
        boolean unhealthy;

        public ImageSeed id(String value) { id = value; return this; }
        public ImageSeed region(String value) { region = value; return this; }
        public ImageSeed description(String value) { description = value; return this; }
        public ImageSeed ownerAlias(String value) { ownerAlias = value; return this; }
        public ImageSeed isPublic(boolean value) { isPublic = value; return this; }
        public ImageSeed tag(String key, String value) { tags.put(key, value); return this; }
        public ImageSeed deprecateAt(String value) { deprecateAt = value; return this; }
        public ImageSeed unhealthy(boolean value) { unhealthy = value; return this; }
    }

    /** A launch template; {@code versions} beyond the first are later versions (each merged onto the one before). */
    public static final class LaunchTemplateSeed {
        String name;
        String region;
        /** An AMI id, or the name of a seeded image. */
        String image;
        String instanceType = "t3.micro";
        /** Plain-text user data (the simulator base64-encodes it). */
        String userData;
        List<String> securityGroups = new ArrayList<>();
        String keyName;
        String iamInstanceProfile;
        Map<String, String> tags = new LinkedHashMap<>();
        List<LaunchTemplateSeed> versions = new ArrayList<>();
        /** The default version; 0 means 1. */
        int defaultVersion;

        public LaunchTemplateSeed region(String value) { region = value; return this; }
        public LaunchTemplateSeed image(String value) { image = value; return this; }
        public LaunchTemplateSeed instanceType(String value) { instanceType = value; return this; }
        public LaunchTemplateSeed userData(String value) { userData = value; return this; }
        public LaunchTemplateSeed securityGroups(String... value) { securityGroups = List.of(value); return this; }
        public LaunchTemplateSeed keyName(String value) { keyName = value; return this; }
        public LaunchTemplateSeed iamInstanceProfile(String value) { iamInstanceProfile = value; return this; }
        public LaunchTemplateSeed tag(String key, String value) { tags.put(key, value); return this; }
        public LaunchTemplateSeed defaultVersion(int value) { defaultVersion = value; return this; }

        /** Adds version N+1: only what {@code version} sets changes. */
        public LaunchTemplateSeed version(java.util.function.Consumer<LaunchTemplateSeed> version) {
            LaunchTemplateSeed seed = new LaunchTemplateSeed();
            seed.instanceType = null;
            version.accept(seed);
            versions.add(seed);
            return this;
        }
    }

    /** A security group in the region's default VPC. */
    public static final class SecurityGroupSeed {
        String name;
        String region;
        String description = "seeded security group";

        public SecurityGroupSeed region(String value) { region = value; return this; }
        public SecurityGroupSeed description(String value) { description = value; return this; }
    }

    /** An ELBv2 target group (instance targets). */
    public static final class TargetGroupSeed {
        String name;
        String region;
        String protocol = "HTTP";
        int port = 80;
        String healthCheckPath = "/";
        int deregistrationDelaySeconds = 300;
        /** Attach an application load balancer {@code <name>-alb} with a listener, so targets are in use. */
        boolean loadBalancer = true;

        public TargetGroupSeed region(String value) { region = value; return this; }
        public TargetGroupSeed protocol(String value) { protocol = value; return this; }
        public TargetGroupSeed port(int value) { port = value; return this; }
        public TargetGroupSeed healthCheckPath(String value) { healthCheckPath = value; return this; }
        public TargetGroupSeed deregistrationDelaySeconds(int value) { deregistrationDelaySeconds = value; return this; }
        public TargetGroupSeed loadBalancer(boolean value) { loadBalancer = value; return this; }
    }

    /** A classic load balancer with one HTTP listener. */
    public static final class ClassicLoadBalancerSeed {
        String name;
        String region;
        int port = 80;
        int instancePort = 80;
        String healthCheckTarget = "HTTP:80/";

        public ClassicLoadBalancerSeed region(String value) { region = value; return this; }
        public ClassicLoadBalancerSeed port(int value) { port = value; return this; }
        public ClassicLoadBalancerSeed instancePort(int value) { instancePort = value; return this; }
        public ClassicLoadBalancerSeed healthCheckTarget(String value) { healthCheckTarget = value; return this; }
    }

    /** An Auto Scaling group whose instances are running, InService and healthy at time zero. */
    public static final class GroupSeed {
        String name;
        String region;
        String launchTemplate;
        /** The group's launch template version: a number, {@code $Latest} or {@code $Default}. */
        String launchTemplateVersion = "1";
        /** Legacy groups: a launch configuration name instead of a template. */
        String launchConfiguration;
        int instances = 2;
        Integer minSize;
        Integer maxSize;
        List<String> targetGroups = new ArrayList<>();
        List<String> loadBalancers = new ArrayList<>();
        String healthCheckType = "EC2";
        int healthCheckGracePeriodSeconds = 300;
        Integer defaultInstanceWarmupSeconds;
        boolean newInstancesProtectedFromScaleIn;
        Map<String, String> tags = new LinkedHashMap<>();

        public GroupSeed region(String value) { region = value; return this; }
        public GroupSeed launchTemplate(String value) { launchTemplate = value; return this; }
        public GroupSeed launchTemplateVersion(String value) { launchTemplateVersion = value; return this; }
        public GroupSeed launchConfiguration(String value) { launchConfiguration = value; return this; }
        public GroupSeed instances(int value) { instances = value; return this; }
        public GroupSeed minSize(int value) { minSize = value; return this; }
        public GroupSeed maxSize(int value) { maxSize = value; return this; }
        public GroupSeed targetGroups(String... value) { targetGroups = List.of(value); return this; }
        public GroupSeed loadBalancers(String... value) { loadBalancers = List.of(value); return this; }
        public GroupSeed healthCheckType(String value) { healthCheckType = value; return this; }
        public GroupSeed healthCheckGracePeriodSeconds(int value) { healthCheckGracePeriodSeconds = value; return this; }
        public GroupSeed defaultInstanceWarmupSeconds(int value) { defaultInstanceWarmupSeconds = value; return this; }
        public GroupSeed newInstancesProtectedFromScaleIn(boolean value) { newInstancesProtectedFromScaleIn = value; return this; }
        public GroupSeed tag(String key, String value) { tags.put(key, value); return this; }
    }

    /** A legacy launch configuration. */
    public static final class LaunchConfigurationSeed {
        String name;
        String region;
        String image;
        String instanceType = "t3.micro";
        String userData;

        public LaunchConfigurationSeed region(String value) { region = value; return this; }
        public LaunchConfigurationSeed image(String value) { image = value; return this; }
        public LaunchConfigurationSeed instanceType(String value) { instanceType = value; return this; }
        public LaunchConfigurationSeed userData(String value) { userData = value; return this; }
    }

    /** Credentials with a fixed identity (other access keys are users of the world's account). */
    public static final class PrincipalSeed {
        String accessKeyId;
        String arn;

        public PrincipalSeed arn(String value) { arn = value; return this; }
    }
}
