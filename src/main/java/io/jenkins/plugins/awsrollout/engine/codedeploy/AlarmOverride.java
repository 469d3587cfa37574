package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.io.Serializable;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.model.Alarm;
import software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration;

/**
 * This deployment's CloudWatch alarms, overriding the deployment group's.
 *
 * @param enabled whether alarms can stop the deployment
 * @param names the alarm names (at most 10)
 * @param ignorePollAlarmFailure go on when the alarm state cannot be read
 */
public record AlarmOverride(boolean enabled, List<String> names, boolean ignorePollAlarmFailure) implements Serializable {

    public AlarmOverride {
        names = List.copyOf(names);
    }

    AlarmConfiguration toSdk() {
        return AlarmConfiguration.builder()
                .enabled(enabled)
                .ignorePollAlarmFailure(ignorePollAlarmFailure)
                .alarms(names.stream().map(n -> Alarm.builder().name(n).build()).toList())
                .build();
    }
}
