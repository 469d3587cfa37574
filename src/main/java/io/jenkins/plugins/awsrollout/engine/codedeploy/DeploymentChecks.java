package io.jenkins.plugins.awsrollout.engine.codedeploy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.Progress;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.ApplicationDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentConfigDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupDoesNotExistException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.InvalidDeploymentIdException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What is checked in AWS before a deployment is created: the application and group exist (naming the ones that do
 * when they do not, over every page), the configuration exists, the options fit the group, and an S3 bundle is
 * there. Reads only.
 */
final class DeploymentChecks {

    private static final int NAMES_SHOWN = 10;

    private final CodeDeployRequest request;

    DeploymentChecks(CodeDeployRequest request) {
        this.request = request;
    }

    DeploymentGroupInfo group(CodeDeployClient codeDeploy) {
        try {
            return codeDeploy.getDeploymentGroup(r -> r.applicationName(request.application())
                    .deploymentGroupName(request.deploymentGroup())).deploymentGroupInfo();
        } catch (ApplicationDoesNotExistException e) {
            List<String> names = new ArrayList<>();
            codeDeploy.listApplicationsPaginator(r -> {}).forEach(page -> names.addAll(page.applications()));
            throw new OperationFailedException("Invalid application: CodeDeploy application '" + request.application()
                    + "' does not exist in this region (" + known("applications", names) + ").");
        } catch (DeploymentGroupDoesNotExistException e) {
            List<String> names = new ArrayList<>();
            codeDeploy.listDeploymentGroupsPaginator(r -> r.applicationName(request.application()))
                    .forEach(page -> names.addAll(page.deploymentGroups()));
            throw new OperationFailedException("Invalid deploymentGroup: '" + request.deploymentGroup()
                    + "' is not a deployment group of " + request.application() + " (" + known("its groups", names) + ").");
        }
    }

    void config(CodeDeployClient codeDeploy) {
        if (request.deploymentConfig() == null) {
            return;
        }
        try {
            codeDeploy.getDeploymentConfig(r -> r.deploymentConfigName(request.deploymentConfig()));
        } catch (DeploymentConfigDoesNotExistException e) {
            throw new OperationFailedException("Invalid deploymentConfig: '" + request.deploymentConfig()
                    + "' does not exist (built in: CodeDeployDefault.OneAtATime, CodeDeployDefault.HalfAtATime, "
                    + "CodeDeployDefault.AllAtOnce).");
        }
    }

    /** The options that only fit some groups. */
    void options(DeploymentGroupInfo group) {
        String platform = group.computePlatformAsString();
        if (request.fileExistsBehavior() != null && platform != null && !"Server".equals(platform)) {
            throw new OperationFailedException("fileExistsBehavior only applies to EC2/on-premises deployments; "
                    + request.groupPath() + " deploys to " + platform + ".");
        }
        boolean blueGreen = group.deploymentStyle() != null
                && "BLUE_GREEN".equals(group.deploymentStyle().deploymentTypeAsString());
        if (!blueGreen && request.targetInstances() != null) {
            throw new OperationFailedException("targetInstances names the replacement instances of a blue/green deployment; "
                    + request.groupPath() + " deploys in place.");
        }
        boolean discovers = blueGreen && group.blueGreenDeploymentConfiguration() != null
                && group.blueGreenDeploymentConfiguration().greenFleetProvisioningOption() != null
                && "DISCOVER_EXISTING".equals(group.blueGreenDeploymentConfiguration().greenFleetProvisioningOption().actionAsString());
        if (discovers && request.targetInstances() == null && request.continueDeploymentId() == null) {
            throw new OperationFailedException("targetInstances is required: " + request.groupPath()
                    + " is a blue/green group that deploys to existing replacement instances.");
        }
    }

    /** An S3 bundle exists (and has the ETag given); a bucket we may not read is not a reason to stop. */
    void bundle(S3Client s3, S3Bundle bundle, Progress progress) {
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(bundle.bucket()).key(bundle.key()).versionId(bundle.version()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new OperationFailedException("Invalid s3: " + bundle.describe() + " does not exist.");
            }
            progress.warn("VALIDATE", "Could not check " + bundle.describe() + " (S3 answered " + e.statusCode()
                    + "); CodeDeploy will tell if it cannot download it.");
            return;
        }
        String eTag = head.eTag() == null ? null : head.eTag().replace("\"", "");
        if (bundle.eTag() != null && eTag != null && !bundle.eTag().equals(eTag)) {
            throw new OperationFailedException("Invalid s3.eTag: '" + bundle.eTag() + "' is not the ETag of " + bundle.describe()
                    + " (it is " + eTag + ").");
        }
    }

    /** The deployment {@code continueDeployment} names, which must belong to the step's group. */
    DeploymentInfo continued(CodeDeployClient codeDeploy) {
        String id = request.continueDeploymentId();
        DeploymentInfo info;
        try {
            info = codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        } catch (DeploymentDoesNotExistException | InvalidDeploymentIdException e) {
            throw new OperationFailedException("Invalid continueDeployment: deployment '" + id + "' does not exist in this region.");
        }
        if (!request.application().equals(info.applicationName()) || !request.deploymentGroup().equals(info.deploymentGroupName())) {
            throw new OperationFailedException("Invalid continueDeployment: deployment '" + id + "' belongs to "
                    + info.applicationName() + "/" + info.deploymentGroupName() + ", not " + request.groupPath() + ".");
        }
        return info;
    }

    private static String known(String what, List<String> names) {
        if (names.isEmpty()) {
            return "there are no " + what.replace("its ", "");
        }
        List<String> sorted = names.stream().sorted().toList();
        String shown = String.join(", ", sorted.subList(0, Math.min(NAMES_SHOWN, sorted.size())));
        return what + ": " + shown + (sorted.size() > NAMES_SHOWN ? " and " + (sorted.size() - NAMES_SHOWN) + " more" : "");
    }
}
