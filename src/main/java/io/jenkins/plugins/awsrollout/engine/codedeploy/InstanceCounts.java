package io.jenkins.plugins.awsrollout.engine.codedeploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.model.DeploymentOverview;

/** A deployment's overview: how many instances are in each state. */
public record InstanceCounts(long pending, long inProgress, long succeeded, long failed, long skipped, long ready)
        implements Serializable {

    public static final InstanceCounts NONE = new InstanceCounts(0, 0, 0, 0, 0, 0);

    static InstanceCounts of(@CheckForNull DeploymentOverview overview) {
        if (overview == null) {
            return NONE;
        }
        return new InstanceCounts(n(overview.pending()), n(overview.inProgress()), n(overview.succeeded()),
                n(overview.failed()), n(overview.skipped()), n(overview.ready()));
    }

    public long total() {
        return pending + inProgress + succeeded + failed + skipped + ready;
    }

    /** {@code 2 of 6 instances succeeded, 1 in progress, 3 pending}: only the states that have instances. */
    public String sentence() {
        List<String> parts = new ArrayList<>();
        parts.add(succeeded + " of " + total() + (total() == 1 ? " instance" : " instances") + " succeeded");
        add(parts, failed, "failed");
        add(parts, inProgress, "in progress");
        add(parts, ready, "ready");
        add(parts, pending, "pending");
        add(parts, skipped, "skipped");
        return String.join(", ", parts);
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pending", pending);
        map.put("inProgress", inProgress);
        map.put("succeeded", succeeded);
        map.put("failed", failed);
        map.put("skipped", skipped);
        map.put("ready", ready);
        return map;
    }

    private static void add(List<String> parts, long count, String label) {
        if (count > 0) {
            parts.add(count + " " + label);
        }
    }

    private static long n(@CheckForNull Long value) {
        return value == null ? 0 : value;
    }
}
