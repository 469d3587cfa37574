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
 */
public record CapacitySample(Instant time, int desired, int inService, int healthyInService) {}
