package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

/**
 * One stack operation moving through simulated time as CloudFormation runs it: resources one at a time in dependency
 * order, each with its type's duration, events for every transition; a failed create rolls back by deleting what was
 * made, a failed (or cancelled) update puts every touched resource back in reverse order and then deletes what it added,
 * and a rollback that fails stops in UPDATE_ROLLBACK_FAILED until ContinueUpdateRollback.
 *
 * <p>Failures are data: {@link CloudFormationRegion#failNext} or a resource's
 * {@code Metadata: {Simulator: {Fail: [CREATE, UPDATE, DELETE, ROLLBACK], Reason: ...}}} in the template being deployed.
 */
final class StackRun {
    private static final Duration FAILURE_DELAY = Duration.ofSeconds(2);

    private final CloudFormationRegion cfn;
    private final Cloud cloud;
    private final Stack stack;
    final String token;
    private final ChangeSet changeSet;
    private final Template target;
    private final WorldResources.Context context;

    // An update's starting point, to roll back to.
    private Template oldTemplate;
    private Map<String, Object> oldParameters;
    private final Map<String, LiveResource> before = new LinkedHashMap<>();
    /** Resources the forward pass changed, in order (modified or replaced). */
    private final List<String> touched = new ArrayList<>();
    private final Set<String> added = new LinkedHashSet<>();
    /** Old resources of replaced ones (cleaned up after success) or new ones of replaced ones (after a rollback). */
    private final Map<String, LiveResource> replaced = new LinkedHashMap<>();
    private List<String> order = List.of();
    private int next;
    private boolean cancelRequested;
    private boolean deleteRequested;
    /** What a failed rollback still has to put back, in order. */
    private List<String> rollbackLeft = new ArrayList<>();

    StackRun(CloudFormationRegion cfn, Stack stack, String token, ChangeSet changeSet) {
        this.cfn = cfn;
        this.cloud = cfn.cloud;
        this.stack = stack;
        this.token = token;
        this.changeSet = changeSet;
        this.target = changeSet == null ? stack.template : changeSet.template;
        this.context = new WorldResources.Context(cloud, cfn.region, stack);
        stack.lastRun = this;
    }

    // ---- create ----

    void create() {
        stack.run = this;
        stack.template = changeSet.template;
        stack.parameters = changeSet.parameters;
        status("CREATE_IN_PROGRESS", "User Initiated");
        StackScope scope = scope(Set.of());
        Set<String> included = new LinkedHashSet<>();
        stack.template.resources.forEach((id, d) -> {
            if (scope.included(d)) {
                included.add(id);
            }
        });
        order = stack.template.order(included);
        next = 0;
        cloud.scheduleIn(Duration.ofSeconds(1), this::createNext);
    }

    private void createNext() {
        if (deleteRequested) {
            deleteAll("DELETE_IN_PROGRESS", "User Initiated", "DELETE_COMPLETE", "DELETE_FAILED");
            return;
        }
        if (next >= order.size()) {
            outputs();
            status("CREATE_COMPLETE", null);
            finish("EXECUTE_COMPLETE");
            return;
        }
        String id = order.get(next++);
        LiveResource live = new LiveResource(id, target.type(id));
        stack.resources.put(id, live);
        makeResource(live, "CREATE", null, () -> createNext(), reason -> {
            if (stack.disableRollback) {
                status("CREATE_FAILED", "The following resource(s) failed to create: [" + id + "]. ");
                finish("EXECUTE_FAILED");
            } else {
                deleteAll("ROLLBACK_IN_PROGRESS", "The following resource(s) failed to create: [" + id + "]. Rollback requested by user.",
                        "ROLLBACK_COMPLETE", "ROLLBACK_FAILED");
            }
        });
    }

    /** Creates {@code live} (status CREATE_* for {@code operation} CREATE, UPDATE_* for a replacement). */
    private void makeResource(LiveResource live, String operation, String startReason, Runnable done,
            java.util.function.Consumer<String> failed) {
        String prefix = operation.equals("CREATE") ? "CREATE" : "UPDATE";
        Map<String, Object> properties;
        try {
            properties = scope(Set.of()).properties(live.logicalId);
        } catch (SimError e) {
            resource(live, prefix + "_FAILED", e.getMessage());
            failed.accept(e.getMessage());
            return;
        }
        resource(live, prefix + "_IN_PROGRESS", startReason);
        String injected = injected(live.logicalId, "CREATE");
        if (injected != null) {
            failLater(live, prefix + "_FAILED", injected, failed);
            return;
        }
        try {
            WorldResources.of(live.type).create(context, live, properties);
        } catch (SimError e) {
            failLater(live, prefix + "_FAILED", describe(e), failed);
            return;
        }
        live.properties = new LinkedHashMap<>(properties);
        live.metadata = metadata(live.logicalId);
        cloud.scheduleIn(ResourceTypes.create(live.type), () -> {
            resource(live, prefix + "_COMPLETE", null);
            done.run();
        });
    }

    private void failLater(LiveResource live, String status, String reason, java.util.function.Consumer<String> failed) {
        cloud.scheduleIn(FAILURE_DELAY, () -> {
            resource(live, status, reason);
            failed.accept(reason);
        });
    }

    // ---- update ----

    void update() {
        stack.run = this;
        oldTemplate = stack.template;
        oldParameters = stack.parameters;
        stack.resources.forEach((id, r) -> before.put(id, r.copy()));
        stack.template = changeSet.template;
        stack.parameters = changeSet.parameters;
        stack.lastUpdated = cloud.now();
        status("UPDATE_IN_PROGRESS", "User Initiated");
        StackScope scope = scope(Set.of());
        Set<String> included = new LinkedHashSet<>();
        stack.template.resources.forEach((id, d) -> {
            if (scope.included(d)) {
                included.add(id);
            }
        });
        order = stack.template.order(included);
        next = 0;
        cloud.scheduleIn(Duration.ofSeconds(1), this::updateNext);
    }

    void cancel() {
        cancelRequested = true;
    }

    void requestDelete() {
        deleteRequested = true;
    }

    private void updateNext() {
        if (cancelRequested) {
            rollback("Stack update cancelled");
            return;
        }
        if (next >= order.size()) {
            cleanup();
            return;
        }
        String id = order.get(next++);
        LiveResource live = stack.resources.get(id);
        if (live == null) {
            LiveResource created = new LiveResource(id, target.type(id));
            stack.resources.put(id, created);
            added.add(id);
            makeResource(created, "CREATE", null, this::updateNext,
                    reason -> rollback("The following resource(s) failed to create: [" + id + "]. "));
            return;
        }
        Map<String, Object> properties;
        try {
            properties = scope(Set.of()).properties(id);
        } catch (SimError e) {
            resource(live, "UPDATE_FAILED", e.getMessage());
            rollback("The following resource(s) failed to update: [" + id + "]. ");
            return;
        }
        boolean typeChanged = !live.type.equals(target.type(id));
        List<String> changedProperties = Changes.changed(live.properties, properties);
        boolean metadataChanged = !Objects.equals(live.metadata, metadata(id));
        if (!typeChanged && changedProperties.isEmpty()) {
            live.metadata = metadata(id);
            if (metadataChanged) {
                resource(live, "UPDATE_IN_PROGRESS", null);
                resource(live, "UPDATE_COMPLETE", null);
            }
            updateNext();
            return;
        }
        touched.add(id);
        boolean replace = typeChanged || changedProperties.stream().anyMatch(p -> ResourceTypes.recreation(live.type, p).equals("Always"));
        String nameProperty = ResourceTypes.nameProperty(live.type);
        if (replace && properties.get(nameProperty) != null && Objects.equals(properties.get(nameProperty), live.properties.get(nameProperty))) {
            resource(live, "UPDATE_FAILED", "CloudFormation cannot update a stack when a custom-named resource requires replacing. Rename "
                    + Intrinsics.text(properties.get(nameProperty)) + " and update the stack again.");
            rollback("The following resource(s) failed to update: [" + id + "]. ");
            return;
        }
        if (replace) {
            replaced.put(id, live.copy());
            LiveResource fresh = new LiveResource(id, target.type(id));
            stack.resources.put(id, fresh);
            makeResource(fresh, "REPLACE", "Requested update requires the creation of a new physical resource; hence creating one.",
                    this::updateNext, reason -> rollback("The following resource(s) failed to update: [" + id + "]. "));
            return;
        }
        resource(live, "UPDATE_IN_PROGRESS", null);
        String injected = injected(id, "UPDATE");
        if (injected != null) {
            failLater(live, "UPDATE_FAILED", injected, reason -> rollback("The following resource(s) failed to update: [" + id + "]. "));
            return;
        }
        try {
            WorldResources.of(live.type).update(context, live, properties);
        } catch (SimError e) {
            failLater(live, "UPDATE_FAILED", describe(e), reason -> rollback("The following resource(s) failed to update: [" + id + "]. "));
            return;
        }
        live.properties = new LinkedHashMap<>(properties);
        live.metadata = metadata(id);
        cloud.scheduleIn(ResourceTypes.update(live.type), () -> {
            resource(live, "UPDATE_COMPLETE", null);
            updateNext();
        });
    }

    /** After a successful update: delete what the template no longer has, and the old resources of replaced ones. */
    private void cleanup() {
        status("UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null);
        List<LiveResource> doomed = new ArrayList<>();
        List<String> oldOrder = new ArrayList<>(before.keySet());
        Collections.reverse(oldOrder);
        for (String id : oldOrder) {
            if (!order.contains(id)) {
                doomed.add(stack.resources.get(id));
            } else if (replaced.containsKey(id)) {
                doomed.add(replaced.get(id));
            }
        }
        deleteEach(doomed, 0, new ArrayList<>(), failedIds -> {
            for (LiveResource r : doomed) {
                if (!order.contains(r.logicalId)) {
                    stack.resources.remove(r.logicalId);
                }
            }
            outputs();
            status("UPDATE_COMPLETE", null);
            finish("EXECUTE_COMPLETE");
        });
    }

    private void rollback(String reason) {
        status("UPDATE_ROLLBACK_IN_PROGRESS", reason);
        stack.template = oldTemplate;
        stack.parameters = oldParameters;
        rollbackLeft = new ArrayList<>(touched);
        Collections.reverse(rollbackLeft);
        cloud.scheduleIn(Duration.ofSeconds(1), this::rollbackNext);
    }

    private void rollbackNext() {
        if (rollbackLeft.isEmpty()) {
            rollbackCleanup();
            return;
        }
        String id = rollbackLeft.get(0);
        LiveResource now = stack.resources.get(id);
        LiveResource old = before.get(id);
        if (replaced.containsKey(id)) {
            // The old physical resource is still there: point back at it; the new one goes in the cleanup.
            LiveResource fresh = now;
            replaced.put(id, fresh);
            LiveResource restored = old.copy();
            stack.resources.put(id, restored);
            resource(restored, "UPDATE_COMPLETE", null);
            rollbackLeft.remove(0);
            rollbackNext();
            return;
        }
        resource(now, "UPDATE_IN_PROGRESS", null);
        String injected = injected(id, "ROLLBACK");
        if (injected != null) {
            cloud.scheduleIn(FAILURE_DELAY, () -> {
                resource(now, "UPDATE_FAILED", injected);
                status("UPDATE_ROLLBACK_FAILED", "The following resource(s) failed to update: [" + id + "]. ");
                finish("EXECUTE_FAILED");
            });
            return;
        }
        try {
            if (!Objects.equals(now.properties, old.properties)) {
                WorldResources.of(now.type).update(context, now, old.properties);
            }
        } catch (SimError e) {
            cloud.scheduleIn(FAILURE_DELAY, () -> {
                resource(now, "UPDATE_FAILED", describe(e));
                status("UPDATE_ROLLBACK_FAILED", "The following resource(s) failed to update: [" + id + "]. ");
                finish("EXECUTE_FAILED");
            });
            return;
        }
        now.properties = new LinkedHashMap<>(old.properties);
        now.metadata = old.metadata;
        cloud.scheduleIn(ResourceTypes.update(now.type), () -> {
            resource(now, "UPDATE_COMPLETE", null);
            rollbackLeft.remove(0);
            rollbackNext();
        });
    }

    /** ContinueUpdateRollback: skipped resources are taken as they are, the rest is put back again. */
    void continueRollback(List<String> skip) {
        stack.run = this;
        status("UPDATE_ROLLBACK_IN_PROGRESS", null);
        for (String id : skip) {
            LiveResource live = stack.resources.get(id);
            rollbackLeft.remove(id);
            live.status = "UPDATE_COMPLETE";
            resource(live, "UPDATE_COMPLETE", "Resource skipped during UpdateRollback");
        }
        cloud.scheduleIn(Duration.ofSeconds(1), this::rollbackNext);
    }

    private void rollbackCleanup() {
        status("UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS", null);
        List<LiveResource> doomed = new ArrayList<>();
        List<String> addedReversed = new ArrayList<>(added);
        Collections.reverse(addedReversed);
        for (String id : addedReversed) {
            doomed.add(stack.resources.get(id));
        }
        for (String id : touched) {
            if (replaced.containsKey(id) && replaced.get(id).physicalId != null
                    && !replaced.get(id).physicalId.equals(stack.resources.get(id).physicalId)) {
                doomed.add(replaced.get(id));
            }
        }
        deleteEach(doomed, 0, new ArrayList<>(), failedIds -> {
            added.forEach(stack.resources::remove);
            outputs();
            status("UPDATE_ROLLBACK_COMPLETE", null);
            finish("EXECUTE_FAILED");
        });
    }

    // ---- delete ----

    void delete() {
        stack.run = this;
        deleteAll("DELETE_IN_PROGRESS", "User Initiated", "DELETE_COMPLETE", "DELETE_FAILED");
    }

    /** Deletes every resource of the stack, newest first, then ends in {@code done} (or {@code failed}). */
    private void deleteAll(String inProgress, String reason, String done, String failed) {
        status(inProgress, reason);
        List<LiveResource> doomed = new ArrayList<>();
        List<String> ids = new ArrayList<>(stack.resources.keySet());
        if (stack.template != null) {
            List<String> known = new ArrayList<>(stack.template.order(stack.template.resources.keySet()));
            known.retainAll(ids);
            ids.removeAll(known);
            ids.addAll(0, known);
        }
        Collections.reverse(ids);
        ids.forEach(id -> doomed.add(stack.resources.get(id)));
        deleteEach(doomed, 0, new ArrayList<>(), failedIds -> {
            if (!failedIds.isEmpty()) {
                status(failed, "The following resource(s) failed to delete: " + failedIds + ". ");
                finish("EXECUTE_FAILED");
                return;
            }
            stack.resources.clear();
            if (done.equals("DELETE_COMPLETE")) {
                stack.deleted = cloud.now();
                cfn.stacksByName.remove(stack.name, stack);
                cfn.exports.values().removeIf(stack.id::equals);
                stack.outputs.clear();
                stack.outputExports.clear();
                cfn.changeSetsById.values().stream().filter(c -> c.stack == stack).forEach(c -> c.deleted = true);
            }
            status(done, null);
            finish(done.equals("DELETE_COMPLETE") ? null : "EXECUTE_FAILED");
        });
    }

    private void deleteEach(List<LiveResource> doomed, int index, List<String> failedIds, java.util.function.Consumer<List<String>> then) {
        if (index >= doomed.size()) {
            then.accept(failedIds);
            return;
        }
        LiveResource r = doomed.get(index);
        if (r == null || r.physicalId == null || r.status.equals("DELETE_COMPLETE")) {
            if (r != null && !r.status.equals("DELETE_COMPLETE")) {
                resource(r, "DELETE_COMPLETE", null);
            }
            deleteEach(doomed, index + 1, failedIds, then);
            return;
        }
        resource(r, "DELETE_IN_PROGRESS", null);
        String injected = injected(r.logicalId, "DELETE");
        String error = injected;
        if (error == null) {
            try {
                WorldResources.of(r.type).delete(context, r);
            } catch (SimError e) {
                error = describe(e);
            }
        }
        String reason = error;
        cloud.scheduleIn(reason == null ? ResourceTypes.delete(r.type) : FAILURE_DELAY, () -> {
            if (reason != null) {
                resource(r, "DELETE_FAILED", reason);
                failedIds.add(r.logicalId);
            } else {
                resource(r, "DELETE_COMPLETE", null);
            }
            deleteEach(doomed, index + 1, failedIds, then);
        });
    }

    // ---- shared ----

    private StackScope scope(Set<String> pending) {
        return new StackScope(stack.template, stack.parameters, stack, cfn, pending);
    }

    private void outputs() {
        stack.outputs.clear();
        stack.outputExports.clear();
        stack.outputDescriptions.clear();
        cfn.exports.values().removeIf(stack.id::equals);
        StackScope scope = scope(Set.of());
        stack.template.outputs.forEach((key, declaration) -> {
            if (!scope.included(declaration)) {
                return;
            }
            stack.outputs.put(key, Intrinsics.text(Intrinsics.eval(declaration.get("Value"), scope)));
            if (declaration.get("Description") != null) {
                stack.outputDescriptions.put(key, String.valueOf(declaration.get("Description")));
            }
            if (declaration.get("Export") instanceof Map<?, ?> export && export.get("Name") != null) {
                String name = Intrinsics.text(Intrinsics.eval(export.get("Name"), scope));
                stack.outputExports.put(key, name);
                cfn.exports.put(name, stack.id);
            }
        });
    }

    private void finish(String executionStatus) {
        stack.run = null;
        if (changeSet != null && executionStatus != null) {
            changeSet.executionStatus = executionStatus;
        }
    }

    private Map<String, Object> metadata(String logicalId) {
        Map<String, Object> declaration = target.resources.get(logicalId);
        Object metadata = declaration == null ? null : declaration.get("Metadata");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = metadata instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
        return map;
    }

    /** The reason an operation on a resource fails, if the test or the template says it does. */
    private String injected(String logicalId, String operation) {
        String reason = cfn.failures.remove(logicalId + "/" + operation);
        if (reason != null) {
            return reason;
        }
        if (metadata(logicalId).get("Simulator") instanceof Map<?, ?> sim && sim.get("Fail") != null
                && Intrinsics.asList(sim.get("Fail")).stream().map(Intrinsics::text).anyMatch(operation::equalsIgnoreCase)) {
            return sim.get("Reason") == null ? "Resource handler returned message: \"" + operation.toLowerCase() + " failed\""
                    : String.valueOf(sim.get("Reason"));
        }
        return null;
    }

    private static String describe(SimError e) {
        return "Resource handler returned message: \"" + e.getMessage() + "\" (Status Code: " + e.status() + ", Error Code: "
                + e.code() + ")";
    }

    private void status(String status, String reason) {
        stack.status = status;
        stack.reason = reason;
        event(stack.name, stack.id, "AWS::CloudFormation::Stack", status, reason);
    }

    private void resource(LiveResource r, String status, String reason) {
        r.status = status;
        r.reason = reason;
        r.updated = cloud.now();
        event(r.logicalId, r.physicalId, r.type, status, reason);
    }

    private void event(String logicalId, String physicalId, String type, String status, String reason) {
        stack.events.add(StackEvent.builder().stackId(stack.id).stackName(stack.name).eventId(logicalId + "-" + status + "-"
                        + cloud.ids().uuid()).logicalResourceId(logicalId).physicalResourceId(physicalId == null ? "" : physicalId)
                .resourceType(type).timestamp(cloud.now()).resourceStatus(status).resourceStatusReason(reason)
                .clientRequestToken(token).build());
    }
}
