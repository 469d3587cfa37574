package io.jenkins.plugins.awsrollout.sim.codedeploy;

import java.time.Instant;
import java.util.List;

/**
 * A deployment configuration for EC2: how many instances must stay healthy.
 *
 * @param name e.g. {@code CodeDeployDefault.HalfAtATime}
 * @param id the configuration id (predefined ones have fixed ids)
 * @param type {@code HOST_COUNT} or {@code FLEET_PERCENT}; the predefined OneAtATime reports
 *     {@code MOST_CONCURRENCY} (value 1), as AWS does
 * @param value the count, percentage or concurrency
 * @param createTime when it was created
 */
public record DeploymentConfig(String name, String id, String type, int value, Instant createTime) {
    static final String ONE_AT_A_TIME = "CodeDeployDefault.OneAtATime";

    /** The predefined EC2 configurations (the create time is the one AWS reports for them). */
    static final List<DeploymentConfig> PREDEFINED = List.of(
            new DeploymentConfig(ONE_AT_A_TIME, "00000000-0000-0000-0000-000000000001", "MOST_CONCURRENCY", 1,
                    Instant.ofEpochMilli(1446744188711L)),
            new DeploymentConfig("CodeDeployDefault.HalfAtATime", "00000000-0000-0000-0000-000000000002", "FLEET_PERCENT", 50,
                    Instant.ofEpochMilli(1446744188711L)),
            new DeploymentConfig("CodeDeployDefault.AllAtOnce", "00000000-0000-0000-0000-000000000003", "HOST_COUNT", 0,
                    Instant.ofEpochMilli(1446744188711L)));

    /**
     * The minimum number of healthy instances for a fleet of {@code instances}: a percentage rounds
     * up; OneAtATime keeps all but one healthy.
     */
    public int minimumHealthy(int instances) {
        return switch (type) {
            case "MOST_CONCURRENCY" -> Math.max(instances - value, 0);
            case "FLEET_PERCENT" -> (int) Math.ceil(instances * value / 100.0);
            default -> value;
        };
    }
}
