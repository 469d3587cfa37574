package io.jenkins.plugins.awsrollout.sim;

import java.time.Instant;

/**
 * The capacity of an Auto Scaling group at one moment.
 *
 * @param time simulated time
 * @param desired the group's desired capacity
 * @param inService instances in lifecycle state InService
 * @param healthyInService InService instances that are healthy in every attached target group and
 *     classic load balancer (or, with none attached, whose EC2 instance is running)
 * @param counted instances that count against the ceiling as Auto Scaling counts them: Pending or InService, not
 *     leaving (Terminating instances, draining ones included, do not count)
 */
public record CapacitySample(Instant time, int desired, int inService, int healthyInService, int counted) {

    /** A sample with nothing pending: every in-service instance is all that counts. */
    public CapacitySample(Instant time, int desired, int inService, int healthyInService) {
        this(time, desired, inService, healthyInService, inService);
    }
}
