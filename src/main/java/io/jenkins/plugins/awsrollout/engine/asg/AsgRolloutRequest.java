package io.jenkins.plugins.awsrollout.engine.asg;

import static io.jenkins.plugins.awsrollout.engine.OperationFailedException.invalid;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A validated {@code awsAsgRollout}: every value checked and every default applied. Build it with
 * {@link #builder(String)}; {@link Builder#build()} throws {@link OperationFailedException} naming the field and
 * the value of the first bad parameter, before any AWS call.
 *
 * @param autoScalingGroup the group to roll
 * @param ami the image for a new launch template version, or null
 * @param launchTemplateVersion the launch template version number to roll out, or null
 * @param strategy instance refresh or plugin-driven rolling
 * @param minHealthyPercentage the floor, as a percentage of the desired capacity
 * @param maxHealthyPercentage the ceiling, as a percentage of the desired capacity (above 100 launches first), or
 *     {@link #AUTOMATIC_MAX_HEALTHY_PERCENTAGE} for the automatic ceiling
 * @param batchSize the batch size of a rolling rollout
 * @param instanceWarmupSeconds how long a new instance warms up before the next step counts on it, or null for the
 *     group's default
 * @param healthCheckTimeout how long new instances of a batch may take to become healthy
 * @param checkpoints percentages of replaced instances after which the rollout pauses, ascending, ending with 100
 * @param checkpointDelay how long each checkpoint pause lasts
 * @param skipMatching whether instances already on the target configuration are left alone
 * @param autoRollback whether a failed rollout puts the previous configuration back on its own
 * @param alarms CloudWatch alarm names that fail (and roll back) the rollout when one goes to ALARM
 * @param suspendProcesses the scaling processes suspended during the rollout
 * @param scaleInProtectedInstances what to do with protected instances
 * @param standbyInstances what to do with instances in Standby
 * @param minSize the group's new minimum size, or null to keep it
 * @param maxSize the group's new maximum size, or null to keep it
 * @param desiredCapacity the group's new desired capacity, or null to keep it
 * @param timeout how long the whole rollout may take
 * @param onAbort what a stopped build does in AWS
 * @param dryRun whether to only print and return the plan
 * @param buildId who asks (job and build number): names the launch template version and makes its creation
 *     idempotent
 */
public record AsgRolloutRequest(
        String autoScalingGroup,
        @CheckForNull String ami,
        @CheckForNull String launchTemplateVersion,
        RolloutStrategy strategy,
        int minHealthyPercentage,
        int maxHealthyPercentage,
        BatchSize batchSize,
        @CheckForNull Integer instanceWarmupSeconds,
        Duration healthCheckTimeout,
        List<Integer> checkpoints,
        Duration checkpointDelay,
        boolean skipMatching,
        boolean autoRollback,
        List<String> alarms,
        List<String> suspendProcesses,
        ProtectedInstances scaleInProtectedInstances,
        StandbyInstances standbyInstances,
        @CheckForNull Integer minSize,
        @CheckForNull Integer maxSize,
        @CheckForNull Integer desiredCapacity,
        Duration timeout,
        OnAbort onAbort,
        boolean dryRun,
        String buildId)
        implements Serializable {

    /** The floor by default: every instance of the desired capacity stays healthy and in service. */
    public static final int DEFAULT_MIN_HEALTHY_PERCENTAGE = 100;
    /**
     * {@code maxHealthyPercentage} when not given: the ceiling is automatic ({@link CapacityLimits#automaticCeiling}),
     * the desired capacity plus a quarter, rounded up, at least one instance.
     */
    public static final int AUTOMATIC_MAX_HEALTHY_PERCENTAGE = 0;
    public static final int DEFAULT_MAX_HEALTHY_PERCENTAGE = AUTOMATIC_MAX_HEALTHY_PERCENTAGE;
    public static final int DEFAULT_HEALTH_CHECK_TIMEOUT_MINUTES = 15;
    public static final int DEFAULT_CHECKPOINT_DELAY_SECONDS = 3600;
    public static final int DEFAULT_TIMEOUT_MINUTES = 60;
    /** Processes that would make the group change under the rollout; suspended unless told otherwise. */
    public static final List<String> DEFAULT_SUSPEND_PROCESSES = List.of("AZRebalance", "AlarmNotification", "ScheduledActions");
    /** Every scaling process AWS knows. */
    public static final Set<String> PROCESSES = Set.of("Launch", "Terminate", "AddToLoadBalancer", "AlarmNotification",
            "AZRebalance", "HealthCheck", "InstanceRefresh", "ReplaceUnhealthy", "ScheduledActions");
    /** Processes a rollout cannot do without: suspended, they stall it. */
    public static final Set<String> REQUIRED_PROCESSES =
            Set.of("Launch", "Terminate", "AddToLoadBalancer", "HealthCheck", "ReplaceUnhealthy", "InstanceRefresh");

    private static final Pattern GROUP_NAME = Pattern.compile("[\\u0020-\\uD7FF\\uE000-\\uFFFD]{1,255}");
    private static final Pattern AMI = Pattern.compile("ami-[0-9a-f]{8,17}");
    private static final Pattern VERSION = Pattern.compile("[1-9]\\d{0,17}");
    private static final Pattern ALARM = Pattern.compile("[^\\p{Cntrl}]{1,255}");

    public AsgRolloutRequest {
        checkpoints = List.copyOf(checkpoints);
        alarms = List.copyOf(alarms);
        suspendProcesses = List.copyOf(suspendProcesses);
    }

    public static Builder builder(String autoScalingGroup) {
        return new Builder(autoScalingGroup);
    }

    /** Whether the rollout changes the group's configuration (as opposed to replacing instances onto it). */
    public boolean changesConfiguration() {
        return ami != null || launchTemplateVersion != null;
    }

    /**
     * Raw parameter values, checked by {@link #build()}. Setters accept what a step or builder holds (strings for
     * lists and enumerations, nullable numbers for optional sizes); null means "not given".
     */
    public static final class Builder {
        private final String autoScalingGroup;
        private String ami;
        private String launchTemplateVersion;
        private String strategy = RolloutStrategy.INSTANCE_REFRESH.parameterValue();
        private int minHealthyPercentage = DEFAULT_MIN_HEALTHY_PERCENTAGE;
        private int maxHealthyPercentage = DEFAULT_MAX_HEALTHY_PERCENTAGE;
        private String batchSize;
        private Integer instanceWarmupSeconds;
        private int healthCheckTimeoutMinutes = DEFAULT_HEALTH_CHECK_TIMEOUT_MINUTES;
        private List<String> checkpoints = List.of();
        private int checkpointDelaySeconds = DEFAULT_CHECKPOINT_DELAY_SECONDS;
        private boolean skipMatching = true;
        private boolean autoRollback = true;
        private List<String> alarms = List.of();
        private List<String> suspendProcesses = DEFAULT_SUSPEND_PROCESSES;
        private String scaleInProtectedInstances = ProtectedInstances.WAIT.awsValue();
        private String standbyInstances = StandbyInstances.WAIT.awsValue();
        private Integer minSize;
        private Integer maxSize;
        private Integer desiredCapacity;
        private int timeoutMinutes = DEFAULT_TIMEOUT_MINUTES;
        private String onAbort = OnAbort.ROLLBACK.parameterValue();
        private boolean dryRun;
        private String buildId = "";

        Builder(String autoScalingGroup) {
            this.autoScalingGroup = autoScalingGroup;
        }

        public Builder ami(String value) { ami = value; return this; }
        public Builder launchTemplateVersion(String value) { launchTemplateVersion = value; return this; }
        public Builder strategy(String value) { strategy = value; return this; }
        public Builder minHealthyPercentage(int value) { minHealthyPercentage = value; return this; }
        public Builder maxHealthyPercentage(int value) { maxHealthyPercentage = value; return this; }
        public Builder batchSize(String value) { batchSize = value; return this; }
        public Builder instanceWarmupSeconds(Integer value) { instanceWarmupSeconds = value; return this; }
        public Builder healthCheckTimeoutMinutes(int value) { healthCheckTimeoutMinutes = value; return this; }
        public Builder checkpoints(List<String> value) { checkpoints = value == null ? List.of() : value; return this; }
        public Builder checkpointDelaySeconds(int value) { checkpointDelaySeconds = value; return this; }
        public Builder skipMatching(boolean value) { skipMatching = value; return this; }
        public Builder autoRollback(boolean value) { autoRollback = value; return this; }
        public Builder alarms(List<String> value) { alarms = value == null ? List.of() : value; return this; }
        public Builder suspendProcesses(List<String> value) { suspendProcesses = value == null ? List.of() : value; return this; }
        public Builder scaleInProtectedInstances(String value) { scaleInProtectedInstances = value; return this; }
        public Builder standbyInstances(String value) { standbyInstances = value; return this; }
        public Builder minSize(Integer value) { minSize = value; return this; }
        public Builder maxSize(Integer value) { maxSize = value; return this; }
        public Builder desiredCapacity(Integer value) { desiredCapacity = value; return this; }
        public Builder timeoutMinutes(int value) { timeoutMinutes = value; return this; }
        public Builder onAbort(String value) { onAbort = value; return this; }
        public Builder dryRun(boolean value) { dryRun = value; return this; }
        public Builder buildId(String value) { buildId = value == null ? "" : value; return this; }

        /** Checks every value; the first problem fails naming the field and the value. */
        public AsgRolloutRequest build() {
            String group = required("autoScalingGroup", autoScalingGroup);
            check(GROUP_NAME.matcher(group).matches(), "autoScalingGroup", group, "is not an Auto Scaling group name");
            String image = blankToNull(ami);
            String version = blankToNull(launchTemplateVersion);
            if (image != null && version != null) {
                throw new OperationFailedException("Give either ami or launchTemplateVersion, not both: ami '" + image
                        + "' makes a new launch template version from the group's current one.");
            }
            check(image == null || AMI.matcher(image).matches(), "ami", image, "is not an AMI id (ami-0123456789abcdef0)");
            if (version != null && (version.equals("$Latest") || version.equals("$Default"))) {
                throw new OperationFailedException("Invalid launchTemplateVersion: '" + version + "' is an alias that moves "
                        + "when the template changes, which makes a rollback impossible; give the version number to roll out.");
            }
            check(version == null || VERSION.matcher(version).matches(), "launchTemplateVersion", version,
                    "is not a launch template version number");
            RolloutStrategy chosenStrategy = RolloutStrategy.of(nonNull(strategy)).orElseThrow(() -> invalid("strategy", strategy,
                    "is not one of instanceRefresh, rolling"));
            checkRange("minHealthyPercentage", minHealthyPercentage, 0, 100);
            if (maxHealthyPercentage != AUTOMATIC_MAX_HEALTHY_PERCENTAGE) {
                checkRange("maxHealthyPercentage", maxHealthyPercentage, 100, 200);
            }
            if (maxHealthyPercentage - minHealthyPercentage > 100) {
                throw new OperationFailedException("Invalid maxHealthyPercentage: " + maxHealthyPercentage
                        + " is more than 100 above minHealthyPercentage " + minHealthyPercentage + ", which AWS does not allow.");
            }
            BatchSize batch = BatchSize.parse(batchSize).orElseThrow(() -> invalid("batchSize", batchSize,
                    "is neither a count of instances (2) nor a percentage of the desired capacity (25%)"));
            if (!batch.automatic() && chosenStrategy == RolloutStrategy.INSTANCE_REFRESH) {
                throw new OperationFailedException("batchSize '" + batchSize + "' applies to strategy 'rolling' only; an instance "
                        + "refresh sets its pace from minHealthyPercentage and maxHealthyPercentage.");
            }
            if (instanceWarmupSeconds != null) {
                checkRange("instanceWarmupSeconds", instanceWarmupSeconds, 0, 86_400);
            }
            checkRange("healthCheckTimeoutMinutes", healthCheckTimeoutMinutes, 1, 1440);
            List<Integer> checkpointList = parseCheckpoints(checkpoints);
            checkRange("checkpointDelaySeconds", checkpointDelaySeconds, 0, 172_800);
            List<String> alarmList = trimmed(alarms);
            for (String alarm : alarmList) {
                check(ALARM.matcher(alarm).matches(), "alarms", alarm, "is not a CloudWatch alarm name");
            }
            check(alarmList.size() <= 10, "alarms", String.join(", ", alarmList), "names more than the 10 alarms AWS accepts");
            List<String> processes = processes(suspendProcesses);
            ProtectedInstances protectedBehaviour = ProtectedInstances.of(nonNull(scaleInProtectedInstances)).orElseThrow(() ->
                    invalid("scaleInProtectedInstances", scaleInProtectedInstances, "is not one of Refresh, Ignore, Wait"));
            StandbyInstances standbyBehaviour = StandbyInstances.of(nonNull(standbyInstances)).orElseThrow(() ->
                    invalid("standbyInstances", standbyInstances, "is not one of Terminate, Ignore, Wait"));
            checkSizes();
            checkRange("timeoutMinutes", timeoutMinutes, 1, 7 * 24 * 60);
            OnAbort abort = OnAbort.of(nonNull(onAbort)).orElseThrow(() -> invalid("onAbort", onAbort, "is not one of rollback, cancel"));
            return new AsgRolloutRequest(group, image, version, chosenStrategy, minHealthyPercentage, maxHealthyPercentage, batch,
                    instanceWarmupSeconds, Duration.ofMinutes(healthCheckTimeoutMinutes), checkpointList,
                    Duration.ofSeconds(checkpointDelaySeconds), skipMatching, autoRollback, alarmList, processes,
                    protectedBehaviour, standbyBehaviour, minSize, maxSize, desiredCapacity, Duration.ofMinutes(timeoutMinutes), abort,
                    dryRun, buildId);
        }

        private void checkSizes() {
            if (minSize != null) {
                checkRange("minSize", minSize, 0, 100_000);
            }
            if (maxSize != null) {
                checkRange("maxSize", maxSize, 0, 100_000);
            }
            if (desiredCapacity != null) {
                checkRange("desiredCapacity", desiredCapacity, 0, 100_000);
            }
            if (minSize != null && maxSize != null && minSize > maxSize) {
                throw new OperationFailedException("Invalid minSize: " + minSize + " is above maxSize " + maxSize + ".");
            }
            if (desiredCapacity != null && maxSize != null && desiredCapacity > maxSize) {
                throw new OperationFailedException("Invalid desiredCapacity: " + desiredCapacity + " is above maxSize " + maxSize + ".");
            }
            if (desiredCapacity != null && minSize != null && desiredCapacity < minSize) {
                throw new OperationFailedException("Invalid desiredCapacity: " + desiredCapacity + " is below minSize " + minSize + ".");
            }
        }

        /** Ascending percentages; 100 is added when missing, so every rollout replaces every instance. */
        private static List<Integer> parseCheckpoints(List<String> values) {
            List<Integer> result = new ArrayList<>();
            for (String raw : trimmed(values)) {
                String text = raw.endsWith("%") ? raw.substring(0, raw.length() - 1).trim() : raw;
                int value;
                try {
                    value = Integer.parseInt(text);
                } catch (NumberFormatException e) {
                    throw invalid("checkpoints", raw, "is not a percentage from 1 to 100");
                }
                check(value >= 1 && value <= 100, "checkpoints", raw, "is not a percentage from 1 to 100");
                check(result.isEmpty() || value > result.get(result.size() - 1), "checkpoints", String.join(", ", values),
                        "must be in ascending order");
                result.add(value);
            }
            if (!result.isEmpty() && result.get(result.size() - 1) != 100) {
                result.add(100);
            }
            return result;
        }

        private static List<String> processes(List<String> values) {
            Set<String> result = new TreeSet<>();
            for (String raw : trimmed(values)) {
                String known = PROCESSES.stream().filter(p -> p.equalsIgnoreCase(raw)).findFirst()
                        .orElseThrow(() -> invalid("suspendProcesses", raw, "is not a scaling process (" + String.join(", ",
                                new TreeSet<>(PROCESSES)) + ")"));
                check(!REQUIRED_PROCESSES.contains(known), "suspendProcesses", known,
                        "would stall the rollout, which needs Launch, Terminate, AddToLoadBalancer, HealthCheck, ReplaceUnhealthy"
                                + " and InstanceRefresh");
                result.add(known);
            }
            return List.copyOf(result);
        }

        private static List<String> trimmed(List<String> values) {
            List<String> result = new ArrayList<>();
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    result.add(value.trim());
                }
            }
            return result;
        }

        private static String required(String field, String value) {
            if (value == null || value.isBlank()) {
                throw new OperationFailedException(field + " is required: name the Auto Scaling group to roll.");
            }
            return value.trim();
        }

        private static void checkRange(String field, int value, int min, int max) {
            if (value < min || value > max) {
                throw new OperationFailedException("Invalid " + field + ": " + value + " is not between " + min + " and " + max + ".");
            }
        }

        private static void check(boolean ok, String field, String value, String problem) {
            if (!ok) {
                throw invalid(field, value, problem);
            }
        }


        private static String nonNull(String value) {
            return value == null ? "" : value;
        }

        private static String blankToNull(String value) {
            return value == null || value.isBlank() ? null : value.trim();
        }
    }
}
