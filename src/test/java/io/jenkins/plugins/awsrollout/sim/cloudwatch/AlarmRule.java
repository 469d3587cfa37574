package io.jenkins.plugins.awsrollout.sim.cloudwatch;

import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.elb.TargetGroup;
import java.time.Duration;
import java.time.Instant;

/**
 * What makes a simulated alarm breach, evaluated every {@link CloudWatchRegion#EVALUATION} of simulated time: the world's
 * stand-in for a metric. {@code unhealthyTargets(targetGroup) > n} is ELB's UnHealthyHostCount; {@code after(action,
 * delay)} breaches from {@code delay} after the first successful call of {@code action} on (a "bad release" whose errors
 * start once it is deployed).
 */
public sealed interface AlarmRule {
    /** True when the alarm's metric breaches its threshold now. */
    boolean breaching(Cloud cloud, CloudRegion region);

    /** Why, for StateReason. */
    String reason();

    record UnhealthyTargets(String targetGroupName, int threshold) implements AlarmRule {
        @Override
        public boolean breaching(Cloud cloud, CloudRegion region) {
            TargetGroup tg = region.elb().targetGroups().values().stream().filter(t -> t.name().equals(targetGroupName)).findFirst()
                    .orElse(null);
            return tg != null && tg.registrations().keySet().stream().filter(tg::unhealthy).count() > threshold;
        }

        @Override
        public String reason() {
            return "Threshold Crossed: UnHealthyHostCount of " + targetGroupName + " was greater than the threshold (" + threshold + ").";
        }
    }

    record After(String action, Duration delay) implements AlarmRule {
        @Override
        public boolean breaching(Cloud cloud, CloudRegion region) {
            Instant first = cloud.calls().all().stream().filter(c -> c.action().equals(action) && c.ok()
                    && (c.region() == null || region.name().equals(c.region()))).map(Call::time).findFirst().orElse(null);
            return first != null && !cloud.now().isBefore(first.plus(delay));
        }

        @Override
        public String reason() {
            return "Threshold Crossed: the metric breached its threshold " + delay.toSeconds() + " s after " + action + ".";
        }
    }

    /** Parses {@code unhealthyTargets(NAME) > N}. */
    static AlarmRule parse(String expression) {
        var m = java.util.regex.Pattern.compile("\\s*unhealthyTargets\\(([^)]+)\\)\\s*>\\s*(\\d+)\\s*").matcher(expression);
        if (!m.matches()) {
            throw new IllegalArgumentException("alarm 'when' must read unhealthyTargets(<target group>) > <count>, not: " + expression);
        }
        return new UnhealthyTargets(m.group(1).trim(), Integer.parseInt(m.group(2)));
    }
}
