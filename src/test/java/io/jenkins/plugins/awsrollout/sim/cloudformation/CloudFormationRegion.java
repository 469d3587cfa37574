package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One region's stacks (live and deleted), change sets, exports and injected resource failures. */
public final class CloudFormationRegion {
    final Cloud cloud;
    final CloudRegion region;
    /** Every stack ever made, by id; a name maps to its live stack only. */
    final Map<String, Stack> stacksById = new LinkedHashMap<>();
    final Map<String, Stack> stacksByName = new LinkedHashMap<>();
    final Map<String, ChangeSet> changeSetsById = new LinkedHashMap<>();
    /** Export name to the id of the stack that exports it. */
    final Map<String, String> exports = new LinkedHashMap<>();
    /** Injected one-shot failures: "logicalId/OPERATION" to reason. */
    final Map<String, String> failures = new LinkedHashMap<>();

    private CloudFormationRegion(Cloud cloud, CloudRegion region) {
        this.cloud = cloud;
        this.region = region;
    }

    /** The CloudFormation state of a region (call under the world lock). */
    public static CloudFormationRegion of(CloudRegion region) {
        return region.extension(CloudFormationRegion.class, r -> new CloudFormationRegion(r.cloud(), r));
    }

    String name() {
        return region.name();
    }

    String accountId() {
        return cloud.accountId();
    }

    List<String> availabilityZones() {
        Set<String> zones = new LinkedHashSet<>();
        region.ec2().subnets().forEach(s -> zones.add(s.availabilityZone()));
        return new ArrayList<>(zones);
    }

    /**
     * Makes the next {@code operation} (CREATE, UPDATE, DELETE or ROLLBACK) of resource {@code logicalId}, in any
     * stack, fail with {@code reason}.
     */
    public void failNext(String logicalId, String operation, String reason) {
        failures.put(logicalId + "/" + operation, reason);
    }

    /** The live stack by name, or null. */
    public Stack stack(String name) {
        return stacksByName.get(name);
    }

    /** A stack by name (live) or id (also deleted), as DescribeStacks finds it. */
    Stack find(String nameOrId) {
        if (nameOrId == null) {
            return null;
        }
        Stack byId = stacksById.get(nameOrId);
        return byId != null ? byId : stacksByName.get(nameOrId);
    }

    Stack require(String nameOrId) {
        Stack stack = find(nameOrId);
        if (stack == null) {
            throw SimError.client("ValidationError", "Stack with id " + nameOrId + " does not exist");
        }
        return stack;
    }

    String exportValue(String name) {
        String stackId = exports.get(name);
        Stack stack = stackId == null ? null : stacksById.get(stackId);
        if (stack == null) {
            return null;
        }
        for (Map.Entry<String, String> e : stack.outputExports.entrySet()) {
            if (e.getValue().equals(name)) {
                return stack.outputs.get(e.getKey());
            }
        }
        return null;
    }

    Stack newStack(String name) {
        String id = "arn:aws:cloudformation:" + region.name() + ":" + cloud.accountId() + ":stack/" + name + "/" + cloud.ids().uuid();
        Stack stack = new Stack(name, id, cloud.now());
        stacksById.put(id, stack);
        stacksByName.put(name, stack);
        return stack;
    }

    ChangeSet changeSet(String nameOrId, String stackName) {
        ChangeSet byId = changeSetsById.get(nameOrId);
        if (byId != null && !byId.deleted) {
            return byId;
        }
        Stack stack = stackName == null ? null : find(stackName);
        if (stack != null) {
            for (ChangeSet c : changeSetsById.values()) {
                if (!c.deleted && c.stack == stack && c.name.equals(nameOrId)) {
                    return c;
                }
            }
        }
        throw SimError.client("ChangeSetNotFound", "ChangeSet [" + nameOrId + "] does not exist");
    }
}
