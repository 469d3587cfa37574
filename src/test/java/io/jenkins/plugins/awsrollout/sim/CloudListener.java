package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.ec2.Instance;

/**
 * Hooks for services that react to EC2 instances: load balancers register and health-check them,
 * Auto Scaling groups track them, CodeDeploy deploys to them. Called under the world lock, at the
 * simulated time of the change.
 */
public interface CloudListener {

    /** The instance moved from {@code previousState} to its current state (pending, running, ...). */
    default void instanceStateChanged(Instance instance, String previousState) {}

    /** The instance's health-check outcome changed (marked unhealthy, or its AMI was). */
    default void instanceHealthChanged(Instance instance) {}
}
