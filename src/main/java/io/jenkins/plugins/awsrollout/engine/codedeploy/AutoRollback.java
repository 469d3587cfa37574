package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.io.Serializable;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration;

/**
 * This deployment's automatic rollback, overriding the deployment group's.
 *
 * @param enabled whether CodeDeploy rolls back on its own
 * @param events on which events (DEPLOYMENT_FAILURE, DEPLOYMENT_STOP_ON_ALARM, DEPLOYMENT_STOP_ON_REQUEST)
 */
public record AutoRollback(boolean enabled, List<String> events) implements Serializable {

    public AutoRollback {
        events = List.copyOf(events);
    }

    AutoRollbackConfiguration toSdk() {
        return AutoRollbackConfiguration.builder().enabled(enabled).eventsWithStrings(events).build();
    }
}
