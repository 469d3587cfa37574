package io.jenkins.plugins.awsrollout.sim.ssm;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import io.jenkins.plugins.awsrollout.sim.s3.Bucket;
import io.jenkins.plugins.awsrollout.sim.s3.S3Store;
import io.jenkins.plugins.awsrollout.sim.script.Script;
import io.jenkins.plugins.awsrollout.sim.script.ScriptHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One region's Run Command history. A command's invocations run their {@code commands} through
 * the user-data interpreter ({@link Script}) on the instance, in simulated time: {@code echo}
 * writes standard output ({@code echo ... >&2} standard error), {@code sleep N} takes N seconds,
 * {@code exit N}, {@code false} and {@code # sim: fail MESSAGE} fail with that exit code.
 */
public final class SsmRegion {
    static final String SHELL = "AWS-RunShellScript";
    static final Set<String> DOCUMENTS = Set.of(SHELL, "AWS-RunPowerShellScript");
    static final Set<String> SHELL_PARAMETERS = Set.of("commands", "workingDirectory", "executionTimeout");
    static final String PLUGIN = "aws:runShellScript";

    private final Cloud cloud;
    private final CloudRegion region;
    private final Map<String, SsmCommand> commands = new LinkedHashMap<>();

    private SsmRegion(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
    }

    /** The SSM state of a region (call under the world lock). */
    public static SsmRegion of(CloudRegion region) {
        return region.extension(SsmRegion.class, r -> new SsmRegion(r.cloud(), r));
    }

    public Map<String, SsmCommand> commands() {
        return commands;
    }

    /** A command by id, failing with {@code InvalidCommandId} for a malformed or unknown id. */
    SsmCommand command(String id) {
        SsmCommand command = id == null ? null : commands.get(id);
        if (command == null) {
            throw SimError.client("InvalidCommandId", "");
        }
        return command;
    }

    static boolean wellFormed(String commandId) {
        return commandId != null && commandId.length() == 36;
    }

    /** Sends a command to running instances (any other target fails the call with {@code InvalidInstanceId}). */
    SsmCommand send(String documentName, List<String> instanceIds, Map<String, List<String>> parameters, String comment,
            Integer timeoutSeconds, String outputS3BucketName, String outputS3KeyPrefix) {
        if (!DOCUMENTS.contains(documentName)) {
            throw SimError.client("InvalidDocument", "Document with name " + documentName + " does not exist.");
        }
        for (String name : parameters.keySet()) {
            if (!SHELL_PARAMETERS.contains(name)) {
                throw SimError.client("InvalidParameters", "Parameter \"" + name + "\" is not a valid parameter for document "
                        + documentName + ".");
            }
        }
        List<String> lines = parameters.get("commands");
        if (lines == null || lines.isEmpty()) {
            throw SimError.client("InvalidParameters", "Parameter \"commands\" is required.");
        }
        if (instanceIds.isEmpty()) {
            throw SimError.client("InvalidInstanceId", "Instance Id list is empty or no instances match the targets.");
        }
        List<String> invalid = new ArrayList<>();
        for (String id : instanceIds) {
            Instance instance = region.ec2().instances().get(id);
            if (instance == null || !instance.running()) {
                invalid.add(id);
            }
        }
        if (!invalid.isEmpty()) {
            throw SimError.client("InvalidInstanceId", "Instances [[" + String.join(", ", invalid)
                    + "]] not in a valid state for account " + cloud.accountId());
        }
        int executionTimeout = 3600;
        List<String> timeout = parameters.get("executionTimeout");
        if (timeout != null && !timeout.isEmpty()) {
            try {
                executionTimeout = Integer.parseInt(timeout.get(0).trim());
            } catch (NumberFormatException e) {
                throw SimError.client("InvalidParameters", "Parameter \"executionTimeout\" has an invalid value: " + timeout.get(0));
            }
        }
        SsmCommand command = new SsmCommand(cloud.ids().uuid(), documentName, comment, Map.copyOf(parameters), cloud.now(),
                timeoutSeconds == null ? 3600 : timeoutSeconds, executionTimeout, outputS3BucketName, outputS3KeyPrefix);
        commands.put(command.id, command);
        SsmTimings timings = SsmTimings.of(cloud);
        for (String id : instanceIds) {
            SsmInvocation invocation = new SsmInvocation(command, id, cloud.now().plus(timings.invocationVisible()));
            command.invocations.put(id, invocation);
            cloud.scheduleIn(timings.delivery(), () -> deliver(invocation));
        }
        return command;
    }

    private void deliver(SsmInvocation invocation) {
        if (!invocation.status.equals("Pending")) {
            return;
        }
        Instance instance = region.ec2().instances().get(invocation.instanceId);
        if (instance == null || !instance.running()) {
            invocation.finish("Failed", "Undeliverable", -1, cloud.now());
            return;
        }
        invocation.status = "InProgress";
        invocation.statusDetails = "InProgress";
        invocation.startedAt = cloud.now();
        int epoch = invocation.epoch;
        cloud.scheduleIn(Duration.ofSeconds(invocation.command.executionTimeoutSeconds), () -> {
            if (invocation.epoch == epoch) {
                invocation.finish("TimedOut", "ExecutionTimedOut", -1, cloud.now());
                writeOutput(invocation);
            }
        });
        Script.parse(invocation.command.script()).run(new ScriptHost() {
            @Override
            public void after(Duration delay, Runnable next) {
                cloud.scheduleIn(delay, () -> {
                    if (invocation.epoch != epoch) {
                        return;
                    }
                    if (!instance.running()) {
                        invocation.stderr.append("The instance stopped while the command was running.\n");
                        invocation.finish("Failed", "Failed", -1, cloud.now());
                        writeOutput(invocation);
                        return;
                    }
                    next.run();
                });
            }

            @Override
            public void output(String line) {
                invocation.stdout.append(line).append('\n');
            }

            @Override
            public void errorOutput(String line) {
                invocation.stderr.append(line).append('\n');
            }

            @Override
            public void powerOff() {
                region.ec2().stop(instance);
            }

            @Override
            public void finished(int exitCode) {
                if (invocation.epoch != epoch) {
                    return;
                }
                if (exitCode != 0) {
                    invocation.stderr.append("failed to run commands: exit status ").append(exitCode).append('\n');
                }
                invocation.finish(exitCode == 0 ? "Success" : "Failed", exitCode == 0 ? "Success" : "Failed", exitCode,
                        cloud.now());
                writeOutput(invocation);
            }
        });
    }

    /** Cancels the unfinished invocations of a command (all, or those on {@code instanceIds}). */
    void cancel(SsmCommand command, List<String> instanceIds) {
        for (SsmInvocation invocation : command.invocations.values()) {
            if (invocation.finished() || invocation.status.equals("Cancelling")
                    || (!instanceIds.isEmpty() && !instanceIds.contains(invocation.instanceId))) {
                continue;
            }
            invocation.epoch++;
            invocation.status = "Cancelling";
            invocation.statusDetails = "Cancelling";
            int epoch = invocation.epoch;
            cloud.scheduleIn(SsmTimings.of(cloud).cancel(), () -> {
                if (invocation.epoch == epoch) {
                    invocation.finish("Cancelled", "Cancelled", -1, cloud.now());
                }
            });
        }
    }

    /** With an output bucket that exists, the full stdout and stderr go to S3, as the agent uploads them. */
    private void writeOutput(SsmInvocation invocation) {
        SsmCommand command = invocation.command;
        if (command.outputS3BucketName == null) {
            return;
        }
        S3Store store = S3Store.of(cloud);
        Bucket bucket = store.find(command.outputS3BucketName);
        if (bucket == null) {
            return;
        }
        String prefix = outputKeyPrefix(invocation);
        store.put(bucket, prefix + "stdout", invocation.stdout.toString().getBytes(StandardCharsets.UTF_8), "text/plain", null,
                null, Map.of(), Map.of());
        if (invocation.stderr.length() > 0) {
            store.put(bucket, prefix + "stderr", invocation.stderr.toString().getBytes(StandardCharsets.UTF_8), "text/plain",
                    null, null, Map.of(), Map.of());
        }
    }

    static String outputKeyPrefix(SsmInvocation invocation) {
        SsmCommand command = invocation.command;
        String prefix = command.outputS3KeyPrefix == null || command.outputS3KeyPrefix.isEmpty() ? ""
                : command.outputS3KeyPrefix.endsWith("/") ? command.outputS3KeyPrefix : command.outputS3KeyPrefix + "/";
        return prefix + command.id + "/" + invocation.instanceId + "/awsrunShellScript/0.awsrunShellScript/";
    }

    /** The S3 URL of an output stream, or "" when the command has no output bucket. */
    String outputUrl(SsmInvocation invocation, String stream) {
        if (invocation.command.outputS3BucketName == null) {
            return "";
        }
        return "https://s3." + region.name() + ".amazonaws.com/" + invocation.command.outputS3BucketName + "/"
                + outputKeyPrefix(invocation) + stream;
    }
}
