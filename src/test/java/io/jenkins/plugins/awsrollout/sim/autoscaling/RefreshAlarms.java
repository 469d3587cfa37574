package io.jenkins.plugins.awsrollout.sim.autoscaling;

import io.jenkins.plugins.awsrollout.sim.CloudRegion;

/** An alarm went into ALARM: instance refreshes whose AlarmSpecification names it stop (and roll back when they may). */
public final class RefreshAlarms {
    private RefreshAlarms() {}

    public static void alarmRaised(CloudRegion region, String alarmName) {
        AutoScalingRegion asg = region.autoScaling();
        for (AutoScalingGroup group : asg.groups().values()) {
            InstanceRefresh refresh = group.activeRefresh();
            if (refresh == null || refresh.rollingBack || refresh.preferences.alarmSpecification() == null
                    || !refresh.preferences.alarmSpecification().alarms().contains(alarmName)) {
                continue;
            }
            asg.refreshRunner().alarmed(group, refresh, alarmName);
            asg.requestReconcile(group);
        }
    }
}
