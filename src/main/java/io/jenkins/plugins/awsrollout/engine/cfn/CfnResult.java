package io.jenkins.plugins.awsrollout.engine.cfn;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.cloudformation.model.Stack;

/** The map {@code awsCfnDeploy} returns: plain values only. */
final class CfnResult {
    private CfnResult() {}

    static Map<String, Object> of(CfnDeployRequest request, CfnDeployCursor cursor, @CheckForNull Stack stack, boolean noChanges,
            @CheckForNull String reason, Instant now) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("stackName", request.stackName());
        result.put("stackId", stack != null ? stack.stackId() : cursor.stackId() == null ? "" : cursor.stackId());
        result.put("status", stack != null ? stack.stackStatusAsString() : cursor.watch().status() == null ? "" : cursor.watch().status());
        result.put("changeSetId", cursor.changeSetId() == null ? "" : cursor.changeSetId());
        result.put("changeSetName", cursor.changeSetName());
        result.put("noChanges", noChanges);
        result.put("dryRun", request.dryRun());
        result.put("changes", cursor.changeMaps());
        Map<String, Object> outputs = new LinkedHashMap<>();
        if (stack != null) {
            stack.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue()));
        }
        result.put("outputs", outputs);
        result.put("durationSeconds", Duration.between(cursor.startedAt(), now).toSeconds());
        result.put("reason", reason == null ? "" : reason);
        return result;
    }
}
