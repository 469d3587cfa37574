package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.AbortReason;
import io.jenkins.plugins.awsrollout.engine.Operation;
import io.jenkins.plugins.awsrollout.engine.Poll;
import io.jenkins.plugins.awsrollout.engine.Tick;
import io.jenkins.plugins.awsrollout.engine.TickContext;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.BuilderState;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Ending;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Outcome;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.Phase;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.ProvisionState;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.RegionImage;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.RetentionState;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Bakes an AMI (Packer's amazon-ebs builder, as a resumable state machine): resolve the source, launch a builder,
 * provision it by user data or SSM, stop it, image it, copy and share the AMI, retire older ones, and end by
 * terminating the builder and deleting the temporary security group. A bake that fails, times out or is stopped
 * also deregisters the AMIs it made and deletes their snapshots, so that nothing is left behind.
 *
 * <p>Each phase lives in its own small class; this one dispatches and holds the transitions they share.
 */
public final class BakeOperation implements Operation<BakeCursor> {

    private static final long serialVersionUID = 1L;

    /** How long cleanup may take once a bake winds down (terminating and waiting, deregistering in every region). */
    static final Duration CLEANUP_TIME = Duration.ofMinutes(20);

    private final BakeRequest request;
    /** Only resolve and report what a bake would do: read calls only, nothing launched or created. */
    private final boolean dryRun;

    public BakeOperation(BakeRequest request) {
        this(request, false);
    }

    public BakeOperation(BakeRequest request, boolean dryRun) {
        this.request = request;
        this.dryRun = dryRun;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public BakeRequest request() {
        return request;
    }

    @Override
    public String name() {
        return "Bake of AMI " + request.amiName().template();
    }

    @Override
    public BakeCursor begin(Instant now) {
        String token = HexFormat.of().formatHex(uuidBytes()).substring(0, BakeCursor.TOKEN_LENGTH);
        return new BakeCursor(Phase.RESOLVE, now, now.plus(request.timeout()), token, request.amiName().expand(now), null, null,
                null, false, BuilderState.NONE, ProvisionState.NONE, List.of(), 0, RetentionState.NONE, null,
                Poll.start(request.polling()), null);
    }

    @Override
    public Tick<BakeCursor> advance(BakeCursor cursor, TickContext context) {
        return onTime(step(cursor, context), context);
    }

    private Tick<BakeCursor> step(BakeCursor cursor, TickContext context) {
        if (cursor.ending() != null) {
            return new BakeCleanup(request).advance(cursor, context);
        }
        return switch (cursor.phase()) {
            case RESOLVE -> new SourceResolution(request, dryRun).advance(cursor, context);
            case SECURITY_GROUP -> new BuilderLaunch(request).createSecurityGroup(cursor, context);
            case LAUNCH -> new BuilderLaunch(request).launch(cursor, context);
            case PROVISION -> request.usesSsm()
                    ? new SsmProvisioning(request).advance(cursor, context)
                    : new UserDataProvisioning(request).advance(cursor, context);
            case STOP -> new BuilderStop(request).advance(cursor, context);
            case IMAGE -> new Imaging(request).advance(cursor, context);
            case COPY -> new Distribution(request).copy(cursor, context);
            case FINISH -> new Distribution(request).finish(cursor, context);
            case RETENTION -> new RetentionPhase(request).advance(cursor, context);
            case CLEANUP -> throw new IllegalStateException("a bake in CLEANUP always has an ending");
        };
    }

    @Override
    public Tick<BakeCursor> abort(BakeCursor cursor, AbortReason reason, TickContext context) {
        if (cursor.ending() != null && cursor.ending().outcome() == Outcome.ABORTED) {
            return onTime(new BakeCleanup(request).advance(cursor, context), context);
        }
        // The first call only records the abort (saved before any cleanup call), with a fresh deadline for it.
        if (reason == AbortReason.DEADLINE) {
            printConsoleTail(cursor, context);
        }
        boolean keep = request.onError() == OnError.KEEP && reason != AbortReason.STOPPED;
        List<String> problems = cursor.ending() == null ? List.of() : cursor.ending().problems();
        context.progress().report("CLEANUP", switch (reason) {
            case STOPPED -> "the build was stopped; cleaning up";
            case DEADLINE -> "the bake ran out of time (timeoutMinutes); cleaning up";
            case FAILED -> "cleaning up after the failure";
        });
        return Tick.after(cursor.ending(new Ending(Outcome.ABORTED, null, keep, problems), context.now().plus(CLEANUP_TIME)),
                Duration.ZERO);
    }

    /**
     * A wait never runs past the deadline, so that a timeout is noticed (and reported) when it happens; cleanup wakes
     * up before its deadline, in time to give up waiting and name what is left.
     */
    private static Tick<BakeCursor> onTime(Tick<BakeCursor> tick, TickContext context) {
        if (tick instanceof Tick.Again<BakeCursor> again) {
            Instant limit = again.cursor().ending() == null ? again.cursor().deadline()
                    : again.cursor().deadline().minus(BakeCleanup.GIVE_UP_BEFORE_DEADLINE);
            Duration delay = delayUntil(again.delay(), context.now(), limit);
            return delay.equals(again.delay()) ? tick : Tick.after(again.cursor(), delay);
        }
        return tick;
    }

    /** A timeout while the user data runs shows what the console says, as a provisioning failure does. */
    private void printConsoleTail(BakeCursor cursor, TickContext context) {
        String instanceId = cursor.builder().instanceId();
        if (cursor.phase() != Phase.PROVISION || request.usesSsm() || instanceId == null) {
            return;
        }
        try {
            BuilderInstance.printTail(context.progress(), instanceId, BuilderInstance.console(context.aws().ec2(), instanceId));
        } catch (AwsServiceException e) {
            context.progress().warn("PROVISION", "could not read the console output of builder " + instanceId);
        }
    }

    // ---- transitions shared by the phases ----

    /** The bake failed in a way it understands: log it now, then clean up before the step fails with {@code message}. */
    static Tick<BakeCursor> fail(BakeRequest request, BakeCursor cursor, TickContext context, String message) {
        context.progress().warn("FAILED", message + " Cleaning up.");
        Ending ending = new Ending(Outcome.FAILED, message, request.onError() == OnError.KEEP, List.of());
        return Tick.after(cursor.ending(ending, context.now().plus(CLEANUP_TIME)), Duration.ZERO);
    }

    /** The AMI in the step's region is available (made or reused): copy it, or go on to the attributes and sharing. */
    static BakeCursor afterImage(BakeRequest request, BakeCursor cursor) {
        if (cursor.images().size() == 1) {
            return enterFinish(request, cursor);
        }
        BakeCursor next = cursor.withPhase(Phase.COPY, Poll.start(request.polling()));
        for (int index = 1; index < next.images().size(); index++) {
            next = next.withImage(index, RegionImage::withRequested);
        }
        return next;
    }

    static BakeCursor enterFinish(BakeRequest request, BakeCursor cursor) {
        return cursor.withPhase(Phase.FINISH, Poll.start(request.polling())).withRegionIndex(0);
    }

    static BakeCursor afterFinish(BakeRequest request, BakeCursor cursor, TickContext context) {
        if (request.keep() > 0) {
            return cursor.withPhase(Phase.RETENTION, Poll.start(request.polling())).withRegionIndex(0);
        }
        return succeed(request, cursor, context);
    }

    static BakeCursor succeed(BakeRequest request, BakeCursor cursor, TickContext context) {
        return cursor.withPoll(Poll.start(request.polling()))
                .ending(new Ending(Outcome.SUCCEEDED, null, false, List.of()), context.now().plus(CLEANUP_TIME));
    }

    /** {@code delay}, but no later than just after {@code deadline}, so that a timeout is noticed on time. */
    static Duration delayUntil(Duration delay, Instant now, Instant deadline) {
        Duration left = Duration.between(now, deadline).plusSeconds(1);
        return left.isNegative() ? Duration.ZERO : delay.compareTo(left) > 0 ? left : delay;
    }

    private static byte[] uuidBytes() {
        UUID uuid = UUID.randomUUID();
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return bytes;
    }
}
