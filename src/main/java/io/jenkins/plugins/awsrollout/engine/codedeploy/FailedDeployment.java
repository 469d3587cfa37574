package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.DeploymentTarget;

/**
 * Why a deployment someone else created failed (a CodePipeline CodeDeploy action's), explained as {@code awsCodeDeploy}
 * explains its own: the first failed instance, its lifecycle event, script and the last line of the script's log.
 */
public final class FailedDeployment {

    private FailedDeployment() {}

    /**
     * {@code i-0abc at ValidateService (scripts/validate.sh): '<the script's last error line>'}, or empty when no instance
     * failed (the deployment failed before reaching one). Two or three calls: one page of targets, one batch read.
     */
    public static Optional<String> explain(CodeDeployClient codeDeploy, String deploymentId) {
        List<String> ids = codeDeploy.listDeploymentTargets(r -> r.deploymentId(deploymentId)).targetIds();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        List<String> batch = ids.subList(0, Math.min(ids.size(), CodeDeployOperation.BATCH));
        for (DeploymentTarget target : codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(deploymentId).targetIds(batch))
                .deploymentTargets()) {
            if (target.instanceTarget() != null && "Failed".equals(target.instanceTarget().statusAsString())) {
                // The instance, its lifecycle event, script and the script's last error line.
                return Optional.of(InstanceDiagnosis.of(target.instanceTarget()).brief());
            }
        }
        return Optional.empty();
    }
}
