package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration;

/**
 * An alarm went into ALARM: active deployments whose alarm configuration (the deployment's override, else its group's)
 * is enabled and names it stop with ALARM_ACTIVE, and roll back when DEPLOYMENT_STOP_ON_ALARM is an auto-rollback event.
 */
public final class DeploymentAlarms {
    private DeploymentAlarms() {}

    public static void alarmRaised(Cloud cloud, CloudRegion region, String alarmName) {
        CodeDeployRegion codeDeploy = CodeDeployRegion.of(region);
        for (Deployment d : List.copyOf(codeDeploy.deployments().values())) {
            AlarmConfiguration alarms = d.overrideAlarmConfiguration != null ? d.overrideAlarmConfiguration : d.group.alarmConfiguration;
            if (!d.active() || d.stopping || alarms == null || !Boolean.TRUE.equals(alarms.enabled()) || !alarms.hasAlarms()
                    || alarms.alarms().stream().noneMatch(a -> alarmName.equals(a.name()))) {
                continue;
            }
            d.errorCode = "ALARM_ACTIVE";
            d.errorMessage = "One or more alarms have been activated according to the Amazon CloudWatch metrics. The alarm or alarms "
                    + "activated: " + alarmName;
            codeDeploy.runner().stop(d, d.rollsBackOn("DEPLOYMENT_STOP_ON_ALARM"));
        }
    }
}
