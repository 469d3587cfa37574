package io.jenkins.plugins.awsrollout.sim.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import io.jenkins.plugins.awsrollout.sim.Cloud;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * The {@code ssm} section of a world file: {@code {"timings": {"invocationVisibleSeconds": 1,
 * "deliverySeconds": 2, "cancelSeconds": 1}}}.
 */
public final class SsmSeed {
    private SsmSeed() {}

    /** The world-file reader registered in {@code WorldSections}. */
    public static void seed(Cloud cloud, JsonNode section) {
        Iterator<Map.Entry<String, JsonNode>> members = section.fields();
        while (members.hasNext()) {
            Map.Entry<String, JsonNode> member = members.next();
            if (!member.getKey().equals("timings")) {
                throw new IllegalArgumentException("world file: ssm: unknown member '" + member.getKey() + "'");
            }
            SsmTimings t = SsmTimings.of(cloud);
            Iterator<Map.Entry<String, JsonNode>> fields = member.getValue().fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                Duration d = Duration.ofMillis((long) (field.getValue().asDouble() * 1000));
                t = switch (field.getKey()) {
                    case "invocationVisibleSeconds" -> t.withInvocationVisible(d);
                    case "deliverySeconds" -> t.withDelivery(d);
                    case "cancelSeconds" -> t.withCancel(d);
                    default -> throw new IllegalArgumentException("world file: ssm: unknown timing '" + field.getKey() + "'");
                };
            }
            SsmTimings.set(cloud, t);
        }
    }
}
