package io.jenkins.plugins.awsrollout.engine.asg;

import edu.umd.cs.findbugs.annotations.CheckForNull;

/**
 * One instance of a group as a poll saw it: its Auto Scaling state merged with its health in every load balancer
 * attached to the group.
 *
 * @param id the instance id
 * @param availabilityZone its zone
 * @param lifecycleState the Auto Scaling lifecycle state ({@code InService}, {@code Pending}, {@code Standby}...)
 * @param groupHealthy whether Auto Scaling reports it {@code Healthy}
 * @param launchTemplate the launch template and version it was launched from, or null (launch configuration)
 * @param protectedFromScaleIn whether it is protected from scale-in
 * @param traffic its health across the attached target groups and classic load balancers
 * @param trafficReason why it is not healthy there (AWS's reason code and description), or null
 */
public record FleetMember(
        String id,
        String availabilityZone,
        String lifecycleState,
        boolean groupHealthy,
        @CheckForNull LaunchTemplateRef launchTemplate,
        boolean protectedFromScaleIn,
        Traffic traffic,
        @CheckForNull String trafficReason) {

    /** An instance's standing in the load balancers of its group. */
    public enum Traffic {
        /** No load balancer is attached: Auto Scaling health decides. */
        NO_LOAD_BALANCER,
        /** Healthy in every target group and classic load balancer. */
        HEALTHY,
        /** Registered but not (yet) healthy somewhere. */
        UNHEALTHY,
        /** Missing from at least one load balancer. */
        NOT_REGISTERED,
        /** Deregistered and still draining connections somewhere. */
        DRAINING
    }

    public boolean inService() {
        return "InService".equals(lifecycleState);
    }

    public boolean pending() {
        return lifecycleState.startsWith("Pending");
    }

    public boolean standby() {
        return lifecycleState.equals("Standby") || lifecycleState.equals("EnteringStandby");
    }

    /** Leaving the group (terminating, detaching) or gone. */
    public boolean leaving() {
        return leaving(lifecycleState);
    }

    /** Whether an instance in {@code lifecycleState} is leaving its group (terminating, detaching). */
    public static boolean leaving(String lifecycleState) {
        return lifecycleState.startsWith("Terminat") || lifecycleState.startsWith("Detach")
                || lifecycleState.startsWith("Warmed:Terminat");
    }

    /** Counts toward healthy capacity: in service, healthy in Auto Scaling, and healthy in every load balancer. */
    public boolean healthy() {
        return inService() && groupHealthy && (traffic == Traffic.HEALTHY || traffic == Traffic.NO_LOAD_BALANCER);
    }

    /** Whether the member was launched from {@code target} (same template, same version number). */
    public boolean runs(LaunchTemplateRef target) {
        return target.matches(launchTemplate);
    }

    /** {@code i-0abc (unhealthy in web-tg: Target.FailedHealthChecks)} for failure sentences. */
    public String describeHealth() {
        if (healthy()) {
            return id + " (healthy)";
        }
        if (!inService()) {
            return id + " (" + lifecycleState + ")";
        }
        if (!groupHealthy) {
            return id + " (Unhealthy in Auto Scaling)";
        }
        return id + " (" + (trafficReason == null ? traffic.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') : trafficReason) + ")";
    }
}
