package io.jenkins.plugins.awsrollout.engine.elb;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.Backoff;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated {@code awsElbRegister}: every value checked and every default applied. Build it with
 * {@link #builder()}; {@link Builder#build()} throws {@link OperationFailedException} naming the field and the value
 * of the first bad parameter, before any AWS call.
 *
 * @param action register or deregister
 * @param targets the targets given by {@code instanceIds} or {@code targets}, without duplicates; empty when they
 *     come from {@code autoScalingGroup}
 * @param autoScalingGroup the group whose InService instances are the targets, or null
 * @param targetGroups target groups by name or ARN, in the order given, without duplicates
 * @param loadBalancers classic load balancer names, in the order given, without duplicates
 * @param waitFor what to wait for after the change
 * @param timeout how long the whole step may take
 * @param guard the healthy floor a deregistration must keep
 * @param onAbort what a failed, timed out or stopped step does with its own changes
 * @param polling how often to look while waiting
 */
public record ElbRegisterRequest(
        ElbAction action,
        List<Target> targets,
        @CheckForNull String autoScalingGroup,
        List<String> targetGroups,
        List<String> loadBalancers,
        WaitFor waitFor,
        Duration timeout,
        HealthGuard guard,
        OnAbort onAbort,
        Backoff polling)
        implements Serializable {

    public static final int DEFAULT_TIMEOUT_MINUTES = 15;
    /** A day: beyond the longest deregistration delay AWS allows (an hour) and any sane health check. */
    public static final int MAX_TIMEOUT_MINUTES = 1440;

    private static final Pattern GROUP_NAME = Pattern.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD]{1,255}");
    private static final Pattern AVAILABILITY_ZONE = Pattern.compile("all|[a-z0-9-]{1,64}");

    public ElbRegisterRequest {
        targets = List.copyOf(targets);
        targetGroups = List.copyOf(targetGroups);
        loadBalancers = List.copyOf(loadBalancers);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** What the targets are, for names and log lines: {@code i-1, i-2} or {@code the InService instances of web}. */
    public String targetsDescribed() {
        if (autoScalingGroup != null) {
            return "the InService instances of " + autoScalingGroup;
        }
        List<String> ids = targets.stream().map(t -> t.port() == null ? t.id() : t.id() + ":" + t.port()).toList();
        return ids.size() <= 3 ? String.join(", ", ids) : ids.size() + " targets";
    }

    /**
     * Raw parameter values, checked by {@link #build()}. Setters accept what a step or builder holds (strings for
     * enumerations, lists that may be null or empty, 0 for "not given"); several destinations add up.
     */
    public static final class Builder {
        private String action = ElbAction.REGISTER.parameterValue();
        private List<String> instanceIds;
        private String autoScalingGroup;
        private List<Target> targets;
        private String targetGroupArn;
        private String targetGroup;
        private List<String> targetGroups;
        private String loadBalancer;
        private List<String> loadBalancers;
        private String waitFor;
        private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        private int minHealthyTargets;
        private int minHealthyPercentage;
        private String onAbort = OnAbort.REVERT.parameterValue();
        private Backoff polling = Backoff.polling(Duration.ofSeconds(5), Duration.ofSeconds(60));

        Builder() {}

        public Builder action(@CheckForNull String value) { action = value; return this; }
        public Builder instanceIds(@CheckForNull List<String> value) { instanceIds = value; return this; }
        public Builder autoScalingGroup(@CheckForNull String value) { autoScalingGroup = value; return this; }
        public Builder targets(@CheckForNull List<Target> value) { targets = value; return this; }
        public Builder targetGroupArn(@CheckForNull String value) { targetGroupArn = value; return this; }
        public Builder targetGroup(@CheckForNull String value) { targetGroup = value; return this; }
        public Builder targetGroups(@CheckForNull List<String> value) { targetGroups = value; return this; }
        public Builder loadBalancer(@CheckForNull String value) { loadBalancer = value; return this; }
        public Builder loadBalancers(@CheckForNull List<String> value) { loadBalancers = value; return this; }
        public Builder waitFor(@CheckForNull String value) { waitFor = value; return this; }
        public Builder timeoutMinutes(int value) { timeoutMinutes = value; return this; }
        public Builder minHealthyTargets(int value) { minHealthyTargets = value; return this; }
        public Builder minHealthyPercentage(int value) { minHealthyPercentage = value; return this; }
        public Builder onAbort(@CheckForNull String value) { onAbort = value; return this; }
        public Builder polling(Backoff value) { polling = value; return this; }

        public ElbRegisterRequest build() {
            ElbAction parsedAction = ElbAction.of(blankToDefault(action, "register")).orElseThrow(() -> invalid("action", action,
                    "use 'register' or 'deregister'"));
            List<Target> parsedTargets = targets(parsedAction);
            String group = blank(autoScalingGroup) ? null : autoScalingGroup.trim();
            if (group != null && !GROUP_NAME.matcher(group).matches()) {
                throw invalid("autoScalingGroup", autoScalingGroup, "an Auto Scaling group name is 1 to 255 characters");
            }
            List<String> parsedTargetGroups = targetGroups();
            List<String> parsedLoadBalancers = loadBalancers();
            if (parsedTargetGroups.isEmpty() && parsedLoadBalancers.isEmpty()) {
                throw new OperationFailedException("Say where the targets go: give targetGroup, targetGroupArn or "
                        + "targetGroups (ELBv2), or loadBalancer or loadBalancers (classic).");
            }
            if (!parsedLoadBalancers.isEmpty()) {
                for (int i = 0; i < parsedTargets.size(); i++) {
                    Target t = parsedTargets.get(i);
                    if (!t.isInstance() || t.port() != null) {
                        throw new OperationFailedException("Invalid targets[" + i + "]: classic load balancers ("
                                + String.join(", ", parsedLoadBalancers) + ") take instance ids without ports, not "
                                + t.id() + (t.port() == null ? "" : " on port " + t.port()) + ".");
                    }
                }
            }
            WaitFor parsedWaitFor = waitFor(parsedAction);
            if (timeoutMinutes < 1 || timeoutMinutes > MAX_TIMEOUT_MINUTES) {
                throw invalid("timeoutMinutes", Integer.toString(timeoutMinutes), "give 1 to " + MAX_TIMEOUT_MINUTES + " minutes");
            }
            if (minHealthyTargets < 0) {
                throw invalid("minHealthyTargets", Integer.toString(minHealthyTargets), "give 0 or more targets");
            }
            if (minHealthyPercentage < 0 || minHealthyPercentage > 100) {
                throw invalid("minHealthyPercentage", Integer.toString(minHealthyPercentage), "give a percentage from 0 to 100");
            }
            OnAbort parsedOnAbort = OnAbort.of(blankToDefault(onAbort, "revert")).orElseThrow(() -> invalid("onAbort", onAbort,
                    "use 'revert' or 'leave'"));
            return new ElbRegisterRequest(parsedAction, parsedTargets, group, parsedTargetGroups, parsedLoadBalancers,
                    parsedWaitFor, Duration.ofMinutes(timeoutMinutes), new HealthGuard(minHealthyTargets, minHealthyPercentage),
                    parsedOnAbort, polling);
        }

        private List<Target> targets(ElbAction parsedAction) {
            List<String> given = new ArrayList<>();
            if (instanceIds != null && !instanceIds.isEmpty()) {
                given.add("instanceIds");
            }
            if (!blank(autoScalingGroup)) {
                given.add("autoScalingGroup");
            }
            if (targets != null && !targets.isEmpty()) {
                given.add("targets");
            }
            if (given.size() != 1) {
                throw new OperationFailedException("Give the targets to " + parsedAction.parameterValue()
                        + " as exactly one of instanceIds, autoScalingGroup or targets"
                        + (given.isEmpty() ? "." : " (got " + String.join(" and ", given) + ")."));
            }
            Set<Target> unique = new LinkedHashSet<>();
            if (instanceIds != null) {
                for (int i = 0; i < instanceIds.size(); i++) {
                    String id = instanceIds.get(i) == null ? "" : instanceIds.get(i).trim();
                    if (!Target.isInstanceId(id)) {
                        throw invalid("instanceIds[" + i + "]", instanceIds.get(i), "an instance id looks like i-0123456789abcdef0");
                    }
                    unique.add(Target.instance(id));
                }
            }
            if (targets != null) {
                for (int i = 0; i < targets.size(); i++) {
                    unique.add(target(i, targets.get(i)));
                }
            }
            return List.copyOf(unique);
        }

        private static Target target(int index, @CheckForNull Target given) {
            String field = "targets[" + index + "]";
            if (given == null || blank(given.id())) {
                throw new OperationFailedException("Invalid " + field + ": every target needs an id (an instance id or an IP address).");
            }
            String id = given.id().trim();
            if (!Target.isInstanceId(id) && !Target.isIpAddress(id)) {
                throw invalid(field + ".id", given.id(), "give an instance id (i-...) or an IP address");
            }
            Integer port = given.port() == null || given.port() == 0 ? null : given.port();
            if (port != null && (port < 1 || port > 65535)) {
                throw invalid(field + ".port", Integer.toString(port), "give a port from 1 to 65535, or none for the target group's");
            }
            String zone = blank(given.availabilityZone()) ? null : given.availabilityZone().trim();
            if (zone != null && !AVAILABILITY_ZONE.matcher(zone).matches()) {
                throw invalid(field + ".availabilityZone", given.availabilityZone(), "give an availability zone name or 'all'");
            }
            return new Target(id, port, zone);
        }

        private List<String> targetGroups() {
            Set<String> all = new LinkedHashSet<>();
            if (!blank(targetGroupArn)) {
                ElbRegisterInput.checkTargetGroupArn(targetGroupArn).ifPresent(hint -> {
                    throw invalid("targetGroupArn", targetGroupArn, hint);
                });
                all.add(targetGroupArn.trim());
            }
            if (!blank(targetGroup)) {
                all.add(targetGroup("targetGroup", targetGroup));
            }
            if (targetGroups != null) {
                for (int i = 0; i < targetGroups.size(); i++) {
                    all.add(targetGroup("targetGroups[" + i + "]", targetGroups.get(i)));
                }
            }
            return List.copyOf(all);
        }

        private static String targetGroup(String field, @CheckForNull String value) {
            if (value == null || value.isBlank()) {
                throw invalid(field, value, "give a target group name or ARN");
            }
            ElbRegisterInput.checkTargetGroup(value).ifPresent(hint -> {
                throw invalid(field, value, hint);
            });
            return value.trim();
        }

        private List<String> loadBalancers() {
            Set<String> all = new LinkedHashSet<>();
            if (!blank(loadBalancer)) {
                all.add(loadBalancer("loadBalancer", loadBalancer));
            }
            if (loadBalancers != null) {
                for (int i = 0; i < loadBalancers.size(); i++) {
                    all.add(loadBalancer("loadBalancers[" + i + "]", loadBalancers.get(i)));
                }
            }
            return List.copyOf(all);
        }

        private static String loadBalancer(String field, @CheckForNull String value) {
            if (value == null || value.isBlank()) {
                throw invalid(field, value, "give a classic load balancer name");
            }
            ElbRegisterInput.checkLoadBalancer(value).ifPresent(hint -> {
                throw invalid(field, value, hint);
            });
            return value.trim();
        }

        private WaitFor waitFor(ElbAction parsedAction) {
            if (blank(waitFor)) {
                return WaitFor.defaultFor(parsedAction);
            }
            WaitFor parsed = WaitFor.of(waitFor).orElseThrow(() -> invalid("waitFor", waitFor, "use 'healthy', 'drained' or 'none'"));
            if (!parsed.appliesTo(parsedAction)) {
                throw invalid("waitFor", waitFor, "a " + parsedAction.noun() + " waits for '"
                        + WaitFor.defaultFor(parsedAction).parameterValue() + "' or 'none'");
            }
            return parsed;
        }

        private static OperationFailedException invalid(String field, @CheckForNull String value, String hint) {
            return new OperationFailedException("Invalid " + field + " '" + value + "': " + hint + ".");
        }

        private static String blankToDefault(@CheckForNull String value, String fallback) {
            return blank(value) ? fallback : value;
        }

        private static boolean blank(@CheckForNull String value) {
            return value == null || value.isBlank();
        }
    }
}
