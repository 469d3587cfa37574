package io.jenkins.plugins.awsrollout.engine.codedeploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;

/** The step's return value and its failure sentence. */
final class DeploymentResult {

    private DeploymentResult() {}

    /**
     * {@code deploymentId, status, overview, instances, rollbackDeploymentId, durationSeconds}, plus the revision
     * deployed and, for a failed deployment, CodeDeploy's error code and message.
     */
    static Map<String, Object> of(CodeDeployRequest request, CodeDeployCursor cursor, String status,
            @CheckForNull DeploymentInfo info, List<InstanceDiagnosis> diagnoses, Instant now) {
        Map<String, InstanceDiagnosis> byId = new LinkedHashMap<>();
        cursor.instances().values().forEach(i -> byId.put(i.id(), InstanceDiagnosis.of(i)));
        diagnoses.forEach(d -> byId.put(d.id(), d));
        List<Object> instances = new ArrayList<>();
        byId.values().forEach(d -> instances.add(d.toMap()));

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("deploymentId", cursor.deploymentId());
        result.put("status", status);
        result.put("application", request.application());
        result.put("deploymentGroup", request.deploymentGroup());
        result.put("overview", cursor.overview().toMap());
        result.put("instances", instances);
        result.put("rollbackDeploymentId", info == null || info.rollbackInfo() == null ? null : info.rollbackInfo().rollbackDeploymentId());
        result.put("errorCode", info == null || info.errorInformation() == null ? null : info.errorInformation().codeAsString());
        result.put("errorMessage", info == null || info.errorInformation() == null ? null : info.errorInformation().message());
        result.put("revision", revision(request, cursor));
        result.put("durationSeconds", Duration.between(cursor.startedAt(), now).toSeconds());
        return result;
    }

    private static Map<String, Object> revision(CodeDeployRequest request, CodeDeployCursor cursor) {
        if (cursor.uploaded() != null) {
            return cursor.uploaded().toMap();
        }
        Map<String, Object> map = new LinkedHashMap<>();
        Revision revision = request.revision();
        if (revision instanceof S3Bundle s3) {
            return s3.toMap();
        } else if (revision instanceof GitHubCommit gitHub) {
            map.put("type", "GitHub");
            map.put("repository", gitHub.repository());
            map.put("commitId", gitHub.commitId());
        } else if (revision instanceof AppSpecText appSpec) {
            map.put("type", "AppSpecContent");
            map.put("sha256", Hashes.sha256(appSpec.content()));
        } else {
            map.put("type", "existing deployment");
        }
        return map;
    }

    /**
     * {@code Deployment d-X to web-app/web-dg failed (HEALTH_CONSTRAINTS): 3 of 6 instances failed, first i-0abc at
     * ValidateService (scripts/validate.sh, ScriptFailed); CodeDeploy started rollback deployment d-Y.}
     */
    static String failureSentence(CodeDeployRequest request, CodeDeployCursor cursor, DeploymentInfo info,
            List<InstanceDiagnosis> diagnoses, @CheckForNull String rollbackId) {
        StringBuilder sentence = new StringBuilder("Deployment ").append(cursor.deploymentId()).append(" to ")
                .append(request.groupPath()).append("Stopped".equals(info.statusAsString()) ? " was stopped" : " failed");
        String code = info.errorInformation() == null ? null : info.errorInformation().codeAsString();
        String message = info.errorInformation() == null ? null : info.errorInformation().message();
        if (code != null) {
            sentence.append(" (").append(code).append(")");
        }
        if (!diagnoses.isEmpty()) {
            sentence.append(": ").append(diagnoses.size()).append(" of ").append(cursor.overview().total())
                    .append(cursor.overview().total() == 1 ? " instance" : " instances").append(" failed, first ")
                    .append(diagnoses.get(0).brief());
        } else if (message != null && !message.isBlank()) {
            sentence.append(": ").append(stripDot(message.strip()));
        }
        if (rollbackId != null) {
            sentence.append("; CodeDeploy started rollback deployment ").append(rollbackId);
        }
        return sentence.append('.').toString();
    }

    private static String stripDot(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
