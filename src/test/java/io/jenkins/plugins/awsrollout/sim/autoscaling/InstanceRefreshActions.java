package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.model.CancelInstanceRefreshRequest;
import software.amazon.awssdk.services.autoscaling.model.CancelInstanceRefreshResponse;
import software.amazon.awssdk.services.autoscaling.model.DescribeInstanceRefreshesRequest;
import software.amazon.awssdk.services.autoscaling.model.DescribeInstanceRefreshesResponse;
import software.amazon.awssdk.services.autoscaling.model.RefreshPreferences;
import software.amazon.awssdk.services.autoscaling.model.RollbackInstanceRefreshRequest;
import software.amazon.awssdk.services.autoscaling.model.RollbackInstanceRefreshResponse;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshRequest;
import software.amazon.awssdk.services.autoscaling.model.StartInstanceRefreshResponse;

/** StartInstanceRefresh, DescribeInstanceRefreshes, CancelInstanceRefresh, RollbackInstanceRefresh. */
public final class InstanceRefreshActions {
    private final Cloud cloud;

    public InstanceRefreshActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private AutoScalingRegion asg(RequestContext context) {
        return cloud.region(context).autoScaling();
    }

    public StartInstanceRefreshResponse handle(StartInstanceRefreshRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        if (g.activeRefresh() != null) {
            throw SimError.client("InstanceRefreshInProgress", "An Instance Refresh is already in progress and blocks the execution of "
                    + "this Instance Refresh.");
        }
        RefreshPreferences preferences = r.preferences() == null ? RefreshPreferences.builder().build() : r.preferences();
        int min = preferences.minHealthyPercentage() == null ? 90 : preferences.minHealthyPercentage();
        int max = preferences.maxHealthyPercentage() == null ? 100 : preferences.maxHealthyPercentage();
        if (min < 0 || min > 100 || max < 100 || max > 200 || max - min > 100) {
            throw SimError.client("ValidationError", "MinHealthyPercentage must be 0-100, MaxHealthyPercentage 100-200, and their "
                    + "difference at most 100.");
        }
        if (preferences.hasCheckpointPercentages()) {
            int last = 0;
            for (int c : preferences.checkpointPercentages()) {
                if (c <= last || c > 100) {
                    throw SimError.client("ValidationError", "CheckpointPercentages must be unique, ascending values between 1 and 100.");
                }
                last = c;
            }
        }
        LaunchSource desired = g.source;
        if (r.desiredConfiguration() != null) {
            LaunchSource given = AutoScalingGroupActions.source(cloud, cloud.region(context).ec2(), asg,
                    r.desiredConfiguration().launchTemplate(), r.desiredConfiguration().mixedInstancesPolicy(), null);
            if (given != null) {
                desired = given;
            }
        }
        if (Boolean.TRUE.equals(preferences.autoRollback()) && r.desiredConfiguration() == null) {
            throw SimError.client("ValidationError", "AutoRollback requires a DesiredConfiguration.");
        }
        InstanceRefresh refresh = new InstanceRefresh(cloud.ids().uuid(), g.name, cloud.now(), preferences, r.desiredConfiguration(),
                desired, g.source, r.strategyAsString() == null ? "Rolling" : r.strategyAsString());
        asg.refreshRunner().plan(g, refresh, Boolean.TRUE.equals(preferences.skipMatching()));
        g.refreshes.add(0, refresh);
        asg.requestReconcile(g);
        return StartInstanceRefreshResponse.builder().instanceRefreshId(refresh.id).build();
    }

    public DescribeInstanceRefreshesResponse handle(DescribeInstanceRefreshesRequest r, RequestContext context) {
        AutoScalingGroup g = asg(context).group(r.autoScalingGroupName());
        List<InstanceRefresh> selected = new ArrayList<>();
        for (InstanceRefresh refresh : g.refreshes) {
            if (!Pojos.present(r.instanceRefreshIds()) || r.instanceRefreshIds().isEmpty() || r.instanceRefreshIds().contains(refresh.id)) {
                selected.add(refresh);
            }
        }
        Paging<InstanceRefresh> page = Paging.page(selected, r.maxRecords(), r.nextToken(), 50,
                SimError.client("InvalidNextToken", "The token is invalid."));
        return DescribeInstanceRefreshesResponse.builder()
                .instanceRefreshes(page.items().stream().map(AutoScalingViews::refresh).toList())
                .nextToken(page.nextToken()).build();
    }

    private static SimError noActiveRefresh(String group) {
        return SimError.client("ActiveInstanceRefreshNotFound", "No in progress or pending Instance Refresh found for Auto Scaling group "
                + group);
    }

    public CancelInstanceRefreshResponse handle(CancelInstanceRefreshRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        InstanceRefresh refresh = g.activeRefresh();
        if (refresh == null || refresh.status.equals("Cancelling") || refresh.rollingBack) {
            throw noActiveRefresh(g.name);
        }
        refresh.status = "Cancelling";
        refresh.statusReason = "Cancelling: waiting for in-progress replacements to finish.";
        asg.requestReconcile(g);
        return CancelInstanceRefreshResponse.builder().instanceRefreshId(refresh.id).build();
    }

    public RollbackInstanceRefreshResponse handle(RollbackInstanceRefreshRequest r, RequestContext context) {
        AutoScalingRegion asg = asg(context);
        AutoScalingGroup g = asg.group(r.autoScalingGroupName());
        InstanceRefresh refresh = g.activeRefresh();
        if (refresh == null || refresh.rollingBack) {
            throw noActiveRefresh(g.name);
        }
        if (refresh.desiredConfiguration == null || refresh.previous == null || refresh.previous.floatingVersion()) {
            throw SimError.client("IrreversibleInstanceRefresh", "The instance refresh cannot be rolled back: it has no desired "
                    + "configuration, or the group's previous launch template version is $Latest or $Default.");
        }
        asg.refreshRunner().rollback(g, refresh, "Rollback requested by user.");
        return RollbackInstanceRefreshResponse.builder().instanceRefreshId(refresh.id).build();
    }
}
