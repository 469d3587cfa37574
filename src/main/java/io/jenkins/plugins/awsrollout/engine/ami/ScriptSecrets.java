package io.jenkins.plugins.awsrollout.engine.ami;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Keeps secrets out of what a bake leaves readable: EC2 user data (any principal that may describe the instance's
 * attributes reads it), SSM command history (anyone who may list commands), and the step's arguments as Pipeline
 * records them. A value that contains the value of one of the build's secret variables (what {@code withCredentials}
 * binds) is refused, naming the field and the variable, never the value.
 */
public final class ScriptSecrets {

    private ScriptSecrets() {}

    /**
     * Fails when {@code value} contains one of {@code secrets}' values.
     *
     * @param field the parameter, e.g. {@code userData}
     * @param secrets the build's sensitive variables: name to value
     */
    public static void refuse(String field, @CheckForNull String value, Map<String, String> secrets) {
        if (value == null || value.isEmpty()) {
            return;
        }
        // Sorted, so that the message names the same variable every time.
        for (Map.Entry<String, String> secret : new TreeMap<>(secrets).entrySet()) {
            String secretValue = secret.getValue();
            if (secretValue != null && !secretValue.isEmpty() && value.contains(secretValue)) {
                throw new OperationFailedException(field + " contains the value of " + secret.getKey() + ", a secret "
                        + "bound in this build: " + field + " ends up in EC2 user data, SSM command history and the "
                        + "step's recorded arguments, where anyone allowed to describe the instance or list commands "
                        + "reads it. Have the instance fetch the secret itself (SSM Parameter Store, Secrets Manager), "
                        + "or set allowSecretsInScript: true to accept that.");
            }
        }
    }
}
