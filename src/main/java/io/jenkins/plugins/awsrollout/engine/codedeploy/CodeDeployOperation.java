package io.jenkins.plugins.awsrollout.engine.codedeploy;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.codedeploy.CodeDeployClient;
import software.amazon.awssdk.services.codedeploy.model.CreateDeploymentRequest;
import software.amazon.awssdk.services.codedeploy.model.DeploymentAlreadyCompletedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentGroupInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentInfo;
import software.amazon.awssdk.services.codedeploy.model.DeploymentIsNotInReadyStateException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentLimitExceededException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentNotStartedException;
import software.amazon.awssdk.services.codedeploy.model.DeploymentWaitType;
import software.amazon.awssdk.services.codedeploy.model.InstanceTarget;
import software.amazon.awssdk.services.codedeploy.model.ListDeploymentTargetsResponse;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocationType;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * One {@code awsCodeDeploy} call: check, (pack and upload,) create the deployment, and follow it instance by
 * instance to its end; on abort or timeout, stop it with rollback. See {@link CodeDeployCursor} for how a restart
 * resumes the same deployment.
 */
public final class CodeDeployOperation implements Operation<CodeDeployCursor> {

    private static final long serialVersionUID = 1L;

    /** How long stopping a deployment (instances finish their current lifecycle event) may take. */
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(15);
    /** How far before the mark a replayed tick looks for the deployment it created (clock differences). */
    static final Duration LOOKUP_SLACK = Duration.ofMinutes(5);
    /** BatchGetDeploymentTargets and BatchGetDeployments take at most this many ids. */
    static final int BATCH = 25;

    private static final Set<String> NOT_STARTED = Set.of("Created", "Queued");
    private static final Set<String> ENDED = Set.of("Succeeded", "Failed", "Stopped");

    private final CodeDeployRequest request;
    /** Only check and report what would be deployed where: read calls only, nothing uploaded or created. */
    private final boolean dryRun;

    public CodeDeployOperation(CodeDeployRequest request) {
        this(request, false);
    }

    public CodeDeployOperation(CodeDeployRequest request, boolean dryRun) {
        this.request = request;
        this.dryRun = dryRun;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public CodeDeployRequest request() {
        return request;
    }

    @Override
    public String name() {
        return "CodeDeploy deployment to " + request.groupPath();
    }

    @Override
    public CodeDeployCursor begin(Instant now) {
        return CodeDeployCursor.start(now, now.plus(request.timeout()), Poll.start(request.polling()));
    }

    @Override
    public Tick<CodeDeployCursor> advance(CodeDeployCursor cursor, TickContext context) {
        return switch (cursor.phase()) {
            case VALIDATE -> validate(cursor, context);
            case UPLOAD -> upload(cursor, context);
            case REGISTER -> register(cursor, context);
            case CREATE -> create(cursor, context);
            case FOLLOW -> follow(cursor, context);
        };
    }

    private Tick<CodeDeployCursor> validate(CodeDeployCursor cursor, TickContext context) {
        CodeDeployClient codeDeploy = context.aws().codeDeploy();
        DeploymentChecks checks = new DeploymentChecks(request);
        DeploymentGroupInfo group = checks.group(codeDeploy);
        checks.options(group);
        if (request.continueDeploymentId() != null) {
            DeploymentInfo info = checks.continued(codeDeploy);
            if (dryRun) {
                context.progress().report("DRY RUN", "Would continue deployment " + info.deploymentId() + " of "
                        + request.groupPath() + " (" + info.statusAsString() + "); nothing was changed.");
                Map<String, Object> result = new java.util.LinkedHashMap<>();
                result.put("status", "DryRun");
                result.put("dryRun", true);
                result.put("deploymentId", info.deploymentId());
                result.put("deploymentStatus", info.statusAsString());
                return Tick.done(cursor, result);
            }
            context.progress().report("DEPLOY", "Continuing deployment " + info.deploymentId() + " of " + request.groupPath()
                    + " (" + info.statusAsString() + ").");
            return Tick.after(cursor.deployment(info.deploymentId()), Duration.ZERO);
        }
        checks.config(codeDeploy);
        if (request.revision() instanceof S3Bundle bundle) {
            checks.bundle(context.aws().s3(), bundle, context.progress());
        }
        context.progress().report("VALIDATE", describe(group));
        if (dryRun) {
            List<String> lines = new ArrayList<>();
            Map<String, Object> result = new DeploymentPreview(request).of(context.aws(), group, lines);
            lines.forEach(line -> context.progress().report("DRY RUN", line));
            context.progress().report("DRY RUN", "Nothing was changed.");
            return Tick.done(cursor, result);
        }
        return Tick.after(cursor.phase(request.revision() instanceof SourceUpload ? CodeDeployCursor.Phase.UPLOAD
                : CodeDeployCursor.Phase.CREATE), Duration.ZERO);
    }

    private String describe(DeploymentGroupInfo group) {
        boolean blueGreen = group.deploymentStyle() != null && "BLUE_GREEN".equals(group.deploymentStyle().deploymentTypeAsString());
        boolean traffic = group.deploymentStyle() != null
                && "WITH_TRAFFIC_CONTROL".equals(group.deploymentStyle().deploymentOptionAsString());
        String config = request.deploymentConfig() != null ? request.deploymentConfig() : group.deploymentConfigName();
        String rollback = request.autoRollback() != null ? rollbackText(request.autoRollback().enabled(), request.autoRollback().events())
                : group.autoRollbackConfiguration() == null ? "no automatic rollback"
                : rollbackText(Boolean.TRUE.equals(group.autoRollbackConfiguration().enabled()),
                        group.autoRollbackConfiguration().eventsAsStrings());
        return "Deployment group " + request.groupPath() + ": " + (blueGreen ? "blue/green" : "in place")
                + (traffic ? " with traffic control" : "") + ", " + config + ", " + rollback + ".";
    }

    private static String rollbackText(boolean enabled, List<String> events) {
        return enabled && !events.isEmpty() ? "automatic rollback on " + String.join(", ", events) : "no automatic rollback";
    }

    private Tick<CodeDeployCursor> upload(CodeDeployCursor cursor, TickContext context) {
        SourceUpload upload = (SourceUpload) request.revision();
        Bundle bundle = upload.pack();
        String key = upload.keyFor(bundle);
        PutObjectResponse put = context.aws().s3().putObject(r -> {
            r.bucket(upload.bucket()).key(key).contentType(contentType(bundle.bundleType()));
            if (upload.sseAlgorithm() != null) {
                r.serverSideEncryption(ServerSideEncryption.fromValue(upload.sseAlgorithm()));
            }
            if (upload.kmsKeyId() != null) {
                r.ssekmsKeyId(upload.kmsKeyId());
            }
        }, RequestBody.fromBytes(bundle.content()));
        S3Bundle uploaded = new S3Bundle(upload.bucket(), key, bundle.bundleType(), put.versionId(),
                put.eTag() == null ? null : put.eTag().replace("\"", ""));
        context.progress().report("UPLOAD", "Packed " + upload.describe() + " (" + bundle.summary() + ") and uploaded it to "
                + uploaded.describe() + (upload.sseAlgorithm() == null ? "" : ", encrypted with " + upload.sseAlgorithm()) + ".");
        return Tick.after(cursor.uploaded(uploaded), Duration.ZERO);
    }

    private static String contentType(String bundleType) {
        return switch (bundleType) {
            case "zip" -> "application/zip";
            case "tar" -> "application/x-tar";
            default -> "application/gzip";
        };
    }

    private Tick<CodeDeployCursor> register(CodeDeployCursor cursor, TickContext context) {
        context.aws().codeDeploy().registerApplicationRevision(r -> r.applicationName(request.application())
                .revision(cursor.uploaded().toLocation()).description(request.description()));
        return Tick.after(cursor.phase(CodeDeployCursor.Phase.CREATE), Duration.ZERO);
    }

    private Tick<CodeDeployCursor> create(CodeDeployCursor cursor, TickContext context) {
        CodeDeployClient codeDeploy = context.aws().codeDeploy();
        RevisionLocation revision = revisionLocation(cursor);
        if (cursor.createMarkedAt() == null) {
            // Nothing of this call exists yet, so a running deployment that looks like ours (this build, this
            // revision) is an earlier call's (waitForCompletion: false, a parallel branch): following it would pass
            // its outcome off as this call's, and the lookup below would adopt it.
            Optional<String> earlier = runningLikeOurs(codeDeploy, revision);
            if (earlier.isPresent()) {
                throw new OperationFailedException("Deployment " + earlier.get() + " of the same revision, created by an "
                        + "earlier awsCodeDeploy call of this build, is still running in " + request.groupPath()
                        + ": CodeDeploy runs one deployment per group at a time; wait for it to end before deploying again.");
            }
            // Saved before the call: a replay of the next tick looks for the deployment before creating one.
            return Tick.after(cursor.markCreate(context.now()), Duration.ZERO);
        }
        Optional<String> existing = findCreated(codeDeploy, cursor, revision);
        String id;
        if (existing.isPresent()) {
            id = existing.get();
            context.progress().report("DEPLOY", "Found deployment " + id + ", created before the step was interrupted.");
        } else {
            try {
                id = codeDeploy.createDeployment(createRequest(revision)).deploymentId();
            } catch (DeploymentLimitExceededException e) {
                throw new OperationFailedException("Another deployment is in progress in " + request.groupPath() + ": "
                        + e.awsErrorDetails().errorMessage(), e);
            }
            context.progress().report("DEPLOY", "Created deployment " + id + ": " + revisionText(cursor) + " to "
                    + request.groupPath() + (request.deploymentConfig() == null ? "" : " with " + request.deploymentConfig()) + ".");
        }
        CodeDeployCursor created = cursor.deployment(id);
        if (!request.waitForCompletion()) {
            return Tick.done(created, DeploymentResult.of(request, created, "Created", null, List.of(), context.now()));
        }
        return Tick.after(created, created.poll().nextDelay(context.random()));
    }

    private String revisionText(CodeDeployCursor cursor) {
        return cursor.uploaded() != null ? cursor.uploaded().describe() : request.revision().describe();
    }

    private RevisionLocation revisionLocation(CodeDeployCursor cursor) {
        if (cursor.uploaded() != null) {
            return cursor.uploaded().toLocation();
        }
        Revision revision = request.revision();
        if (revision instanceof S3Bundle s3) {
            return s3.toLocation();
        }
        if (revision instanceof GitHubCommit gitHub) {
            return RevisionLocation.builder().revisionType(RevisionLocationType.GIT_HUB)
                    .gitHubLocation(l -> l.repository(gitHub.repository()).commitId(gitHub.commitId())).build();
        }
        AppSpecText appSpec = (AppSpecText) revision;
        return RevisionLocation.builder().revisionType(RevisionLocationType.APP_SPEC_CONTENT)
                .appSpecContent(c -> c.content(appSpec.content()).sha256(Hashes.sha256(appSpec.content()))).build();
    }

    private CreateDeploymentRequest createRequest(RevisionLocation revision) {
        CreateDeploymentRequest.Builder b = CreateDeploymentRequest.builder()
                .applicationName(request.application())
                .deploymentGroupName(request.deploymentGroup())
                .deploymentConfigName(request.deploymentConfig())
                .description(request.description())
                .revision(revision)
                .fileExistsBehavior(request.fileExistsBehavior());
        if (request.ignoreApplicationStopFailures()) {
            b.ignoreApplicationStopFailures(true);
        }
        if (request.updateOutdatedInstancesOnly()) {
            b.updateOutdatedInstancesOnly(true);
        }
        if (request.targetInstances() != null) {
            b.targetInstances(request.targetInstances().toSdk());
        }
        if (request.autoRollback() != null) {
            b.autoRollbackConfiguration(request.autoRollback().toSdk());
        }
        if (request.alarms() != null) {
            b.overrideAlarmConfiguration(request.alarms().toSdk());
        }
        return b.build();
    }

    /** A deployment of the group not yet ended that has this step's description and revision. */
    private Optional<String> runningLikeOurs(CodeDeployClient codeDeploy, RevisionLocation revision) {
        List<String> ids = new ArrayList<>();
        codeDeploy.listDeploymentsPaginator(r -> r.applicationName(request.application())
                        .deploymentGroupName(request.deploymentGroup())
                        .includeOnlyStatusesWithStrings("Created", "Queued", "InProgress", "Baking", "Ready"))
                .forEach(page -> ids.addAll(page.deployments()));
        for (List<String> batch : batches(ids)) {
            Optional<String> found = codeDeploy.batchGetDeployments(r -> r.deploymentIds(batch)).deploymentsInfo().stream()
                    .filter(info -> DeploymentMatch.isOurs(info, request.description(), revision))
                    .map(DeploymentInfo::deploymentId).findFirst();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** The deployment a replayed tick already created: the oldest one of ours since the mark. */
    private Optional<String> findCreated(CodeDeployClient codeDeploy, CodeDeployCursor cursor, RevisionLocation revision) {
        Instant from = cursor.createMarkedAt().minus(LOOKUP_SLACK);
        List<String> ids = new ArrayList<>();
        codeDeploy.listDeploymentsPaginator(r -> r.applicationName(request.application())
                        .deploymentGroupName(request.deploymentGroup()).createTimeRange(t -> t.start(from)))
                .forEach(page -> ids.addAll(page.deployments()));
        List<DeploymentInfo> ours = new ArrayList<>();
        for (List<String> batch : batches(ids)) {
            codeDeploy.batchGetDeployments(r -> r.deploymentIds(batch)).deploymentsInfo().stream()
                    .filter(info -> DeploymentMatch.isOurs(info, request.description(), revision))
                    .forEach(ours::add);
        }
        return ours.stream()
                .min(Comparator.comparing(DeploymentInfo::createTime, Comparator.nullsLast(Comparator.naturalOrder())))
                .map(DeploymentInfo::deploymentId);
    }

    private Tick<CodeDeployCursor> follow(CodeDeployCursor cursor, TickContext context) {
        CodeDeployClient codeDeploy = context.aws().codeDeploy();
        String id = cursor.deploymentId();
        DeploymentInfo info = codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        String status = info.statusAsString();
        InstanceCounts counts = InstanceCounts.of(info.deploymentOverview());
        Map<String, InstanceProgress> instances = cursor.instances();
        if (!NOT_STARTED.contains(status)) {
            instances = refresh(codeDeploy, id, cursor.instances(), counts);
            for (String line : InstanceChanges.lines(cursor.instances(), instances.values())) {
                context.progress().report("INSTANCE", line);
            }
            InstanceLanes.record(context, instances.values());
        }
        // A success gets its own closing line below.
        if ((!status.equals(cursor.status()) || !counts.equals(cursor.overview())) && !"Succeeded".equals(status)) {
            context.progress().report("DEPLOY", id + " " + status + (counts.total() == 0 ? "" : ": " + counts.sentence()) + ".");
        }
        Poll poll = cursor.poll().observe(status + counts + instances);
        CodeDeployCursor next = cursor.observed(status, counts, instances, poll);
        return switch (status) {
            case "Succeeded" -> succeeded(next, context);
            case "Failed", "Stopped" -> ended(next, info, codeDeploy, context);
            case "Ready" -> ready(next, codeDeploy, context);
            default -> Tick.after(next, poll.nextDelay(context.random()));
        };
    }

    /** Lists the targets when their number changed, then reads every one not yet final, 25 at a time. */
    private static Map<String, InstanceProgress> refresh(
            CodeDeployClient codeDeploy, String id, Map<String, InstanceProgress> known, InstanceCounts counts) {
        Map<String, InstanceProgress> result = new HashMap<>(known);
        List<String> ids = new ArrayList<>(known.keySet());
        if (known.isEmpty() || known.size() != counts.total()) {
            try {
                ids = listTargets(codeDeploy, id);
            } catch (DeploymentNotStartedException e) {
                return known;
            }
        }
        List<String> open = ids.stream().filter(t -> !result.containsKey(t) || !result.get(t).isFinal()).toList();
        for (InstanceTarget target : readTargets(codeDeploy, id, open)) {
            result.put(target.targetId(), InstanceProgress.of(target));
        }
        return result;
    }

    private static List<String> listTargets(CodeDeployClient codeDeploy, String id) {
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            String page = token;
            ListDeploymentTargetsResponse response = codeDeploy.listDeploymentTargets(r -> r.deploymentId(id).nextToken(page));
            ids.addAll(response.targetIds());
            token = response.nextToken();
        } while (token != null);
        return ids;
    }

    private static List<InstanceTarget> readTargets(CodeDeployClient codeDeploy, String id, List<String> ids) {
        List<InstanceTarget> targets = new ArrayList<>();
        for (List<String> batch : batches(ids)) {
            codeDeploy.batchGetDeploymentTargets(r -> r.deploymentId(id).targetIds(batch)).deploymentTargets().stream()
                    .filter(t -> t.instanceTarget() != null)
                    .forEach(t -> targets.add(t.instanceTarget()));
        }
        return targets;
    }

    private Tick<CodeDeployCursor> succeeded(CodeDeployCursor cursor, TickContext context) {
        context.progress().report("DEPLOY", "Deployment " + cursor.deploymentId() + " to " + request.groupPath() + " succeeded in "
                + HumanDuration.of(Duration.between(cursor.startedAt(), context.now())) + ".");
        return Tick.done(cursor, DeploymentResult.of(request, cursor, "Succeeded", null, List.of(), context.now()));
    }

    private Tick<CodeDeployCursor> ended(CodeDeployCursor cursor, DeploymentInfo info, CodeDeployClient codeDeploy,
            TickContext context) {
        List<String> failedIds = cursor.instances().values().stream().filter(i -> "Failed".equals(i.status()))
                .map(InstanceProgress::id).toList();
        List<InstanceDiagnosis> diagnoses = readTargets(codeDeploy, cursor.deploymentId(), failedIds).stream()
                .map(InstanceDiagnosis::of)
                .sorted(Comparator.comparing(InstanceDiagnosis::id))
                .toList();
        for (InstanceDiagnosis diagnosis : diagnoses) {
            context.progress().warn("FAILED", diagnosis.headline());
            for (String line : diagnosis.logLines()) {
                context.progress().report("FAILED", "  | " + line);
            }
        }
        String rollbackId = info.rollbackInfo() == null ? null : info.rollbackInfo().rollbackDeploymentId();
        if (rollbackId != null) {
            context.progress().warn("ROLLBACK", "CodeDeploy started rollback deployment " + rollbackId + " to "
                    + request.groupPath() + ".");
        } else if (info.rollbackInfo() != null && info.rollbackInfo().rollbackMessage() != null) {
            context.progress().report("ROLLBACK", info.rollbackInfo().rollbackMessage());
        }
        String message = DeploymentResult.failureSentence(request, cursor, info, diagnoses, rollbackId);
        // The step decides whether this fails the build (failOnError) or is returned.
        return Tick.failed(cursor, message,
                DeploymentResult.of(request, cursor, info.statusAsString(), info, diagnoses, context.now()));
    }

    private Tick<CodeDeployCursor> ready(CodeDeployCursor cursor, CodeDeployClient codeDeploy, TickContext context) {
        String id = cursor.deploymentId();
        ReadyAction action = request.continueDeploymentId() != null ? ReadyAction.CONTINUE : request.onReady();
        Duration delay = cursor.poll().nextDelay(context.random());
        switch (action) {
            case RETURN -> {
                context.progress().report("READY", id + " is Ready: the replacement instances wait for traffic. Continue it "
                        + "with awsCodeDeploy(application: '" + request.application() + "', deploymentGroup: '"
                        + request.deploymentGroup() + "', continueDeployment: '" + id + "').");
                return Tick.done(cursor, DeploymentResult.of(request, cursor, "Ready", null, List.of(), context.now()));
            }
            case CONTINUE -> {
                if (!cursor.readyHandled()) {
                    try {
                        codeDeploy.continueDeployment(r -> r.deploymentId(id).deploymentWaitType(DeploymentWaitType.READY_WAIT));
                    } catch (DeploymentIsNotInReadyStateException e) {
                        // Already continued (a replayed tick, or someone in the console): nothing to do.
                    }
                    context.progress().report("READY", "Continued " + id + ": traffic moves to the replacement instances.");
                }
                return Tick.after(cursor.withReadyHandled(), delay);
            }
            default -> {
                if (!cursor.readyHandled()) {
                    context.progress().report("READY", id + " is Ready and waits to be continued in AWS (onReady: 'wait').");
                }
                return Tick.after(cursor.withReadyHandled(), delay);
            }
        }
    }

    @Override
    public Tick<CodeDeployCursor> abort(CodeDeployCursor cursor, AbortReason reason, TickContext context) {
        CodeDeployCursor current = cursor.aborting() ? cursor : cursor.abortingUntil(context.now().plus(STOP_TIMEOUT));
        CodeDeployClient codeDeploy = context.aws().codeDeploy();
        if (current.deploymentId() == null && current.createMarkedAt() != null) {
            // A CreateDeployment may have gone through without its answer being saved.
            Optional<String> created = findCreated(codeDeploy, current, revisionLocation(current));
            if (created.isPresent()) {
                current = current.deployment(created.get());
            }
        }
        String id = current.deploymentId();
        if (id == null || (current.status() != null && ENDED.contains(current.status()))) {
            return Tick.done(current, Map.of());
        }
        if (request.onAbort() == AbortAction.LEAVE) {
            return Tick.failed(current, "Deployment " + id + " was left running (onAbort: 'leave').", null);
        }
        if (!current.stopRequested()) {
            try {
                codeDeploy.stopDeployment(r -> r.deploymentId(id).autoRollbackEnabled(true));
            } catch (DeploymentAlreadyCompletedException e) {
                DeploymentInfo info = codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
                return Tick.failed(current, "Deployment " + id + " had already ended: " + info.statusAsString() + ".", null);
            }
            context.progress().report("STOP", "Stopping deployment " + id + " with automatic rollback.");
            CodeDeployCursor stopping = current.withStopRequested();
            return Tick.after(stopping, stopping.poll().nextDelay(context.random()));
        }
        DeploymentInfo info = codeDeploy.getDeployment(r -> r.deploymentId(id)).deploymentInfo();
        if (!ENDED.contains(info.statusAsString())) {
            Poll poll = current.poll().observe(info.statusAsString() + InstanceCounts.of(info.deploymentOverview()));
            return Tick.after(current.observed(info.statusAsString(), current.overview(), current.instances(), poll),
                    poll.nextDelay(context.random()));
        }
        String rollbackId = info.rollbackInfo() == null ? null : info.rollbackInfo().rollbackDeploymentId();
        String sentence = "Stopped".equals(info.statusAsString())
                ? "Stopped deployment " + id + (rollbackId == null ? "" : "; CodeDeploy rolls back with deployment " + rollbackId) + "."
                : "Deployment " + id + " ended " + info.statusAsString() + " before it could be stopped.";
        context.progress().report("STOP", sentence);
        return Tick.failed(current, sentence, null);
    }

    static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += BATCH) {
            batches.add(List.copyOf(items.subList(i, Math.min(items.size(), i + BATCH))));
        }
        return batches;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeDeployOperation other && Objects.equals(other.request, request) && other.dryRun == dryRun;
    }

    @Override
    public int hashCode() {
        return Objects.hash(request, dryRun);
    }
}
