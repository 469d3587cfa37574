package io.jenkins.plugins.awsrollout.engine.asg;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What the preflight learned about the group and keeps for the whole rollout.
 *
 * @param limits the desired capacity kept, its floor and ceiling
 * @param originalDesired the desired capacity before the rollout
 * @param originalMaxSize the maximum size before the rollout
 * @param mixedInstancesPolicy whether the group launches through a mixed instances policy
 * @param targetGroupArns the attached target groups
 * @param loadBalancerNames the attached classic load balancers
 * @param drainDelay the longest deregistration delay of the attached target groups
 * @param warmup how long a new instance warms up before it counts
 * @param startMembers the ids of the group's instances when the rollout started
 * @param toReplace how many instances the plan replaces
 * @param plannedBatches how many batches the plan has
 */
public record GroupFacts(
        CapacityLimits limits,
        int originalDesired,
        int originalMaxSize,
        boolean mixedInstancesPolicy,
        List<String> targetGroupArns,
        List<String> loadBalancerNames,
        Duration drainDelay,
        Duration warmup,
        Set<String> startMembers,
        int toReplace,
        int plannedBatches)
        implements Serializable {

    public GroupFacts {
        targetGroupArns = List.copyOf(targetGroupArns);
        loadBalancerNames = List.copyOf(loadBalancerNames);
        startMembers = Set.copyOf(startMembers);
    }
}
