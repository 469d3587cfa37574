package io.jenkins.plugins.awsrollout.sim;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/** Reads the JSON world file (docs/simulator.md documents every member). */
final class WorldFile {
    private static final Set<String> CORE = Set.of("accountId", "regions", "seed", "timings", "images", "securityGroups",
            "keyPairs", "launchTemplates", "launchConfigurations", "targetGroups", "classicLoadBalancers", "autoScalingGroups",
            "principals", "$comment");
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private WorldFile() {}

    static World read(Path file) throws IOException {
        return parse(MAPPER.readTree(Files.readAllBytes(file)));
    }

    static World parse(JsonNode root) throws IOException {
        World.Builder b = World.builder();
        if (root.has("accountId")) {
            b.accountId(root.get("accountId").asText());
        }
        for (JsonNode region : root.path("regions")) {
            b.region(region.asText());
        }
        if (root.has("seed")) {
            b.seed(root.get("seed").asLong());
        }
        if (root.has("timings")) {
            b.timings(timings(root.get("timings")));
        }
        for (JsonNode node : root.path("images")) {
            b.images.add(MAPPER.treeToValue(node, Seeds.ImageSeed.class));
        }
        for (JsonNode node : root.path("securityGroups")) {
            b.securityGroups.add(MAPPER.treeToValue(node, Seeds.SecurityGroupSeed.class));
        }
        for (JsonNode node : root.path("keyPairs")) {
            b.keyPair(node.asText());
        }
        for (JsonNode node : root.path("launchTemplates")) {
            b.launchTemplates.add(MAPPER.treeToValue(node, Seeds.LaunchTemplateSeed.class));
        }
        for (JsonNode node : root.path("launchConfigurations")) {
            b.launchConfigurations.add(MAPPER.treeToValue(node, Seeds.LaunchConfigurationSeed.class));
        }
        for (JsonNode node : root.path("targetGroups")) {
            b.targetGroups.add(MAPPER.treeToValue(node, Seeds.TargetGroupSeed.class));
        }
        for (JsonNode node : root.path("classicLoadBalancers")) {
            b.classicLoadBalancers.add(MAPPER.treeToValue(node, Seeds.ClassicLoadBalancerSeed.class));
        }
        for (JsonNode node : root.path("autoScalingGroups")) {
            b.groups.add(MAPPER.treeToValue(node, Seeds.GroupSeed.class));
        }
        for (JsonNode node : root.path("principals")) {
            b.principals.add(MAPPER.treeToValue(node, Seeds.PrincipalSeed.class));
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (CORE.contains(field.getKey())) {
                continue;
            }
            if (!WorldSections.known(field.getKey())) {
                throw new IOException("world file: unknown member '" + field.getKey() + "'");
            }
            b.extensionSection(field.getKey(), field.getValue());
        }
        return b.build();
    }

    /** {@code {"bootSeconds": 60, "healthCheckSeconds": 30, ...}}: any subset, the rest default. */
    private static Timings timings(JsonNode node) throws IOException {
        Timings t = Timings.defaults();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Duration d = Duration.ofMillis((long) (field.getValue().asDouble() * 1000));
            t = switch (field.getKey()) {
                case "bootSeconds" -> t.withBoot(d);
                case "registrationSeconds" -> t.withRegistration(d);
                case "healthCheckSeconds" -> t.withHealthCheck(d);
                case "statusCheckSeconds" -> t.withStatusCheck(d);
                case "stopSeconds" -> t.withStop(d);
                case "terminateSeconds" -> t.withTerminate(d);
                case "imageCreationSeconds" -> t.withImageCreation(d);
                case "imageCopySeconds" -> t.withImageCopy(d);
                case "snapshotSeconds" -> t.withSnapshot(d);
                case "launchRetrySeconds" -> t.withLaunchRetry(d);
                case "terminatedVisibleSeconds" -> t.withTerminatedVisible(d);
                default -> throw new IOException("world file: unknown timing '" + field.getKey() + "'");
            };
        }
        return t;
    }
}
