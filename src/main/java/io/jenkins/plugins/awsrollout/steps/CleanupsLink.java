package io.jenkins.plugins.awsrollout.steps;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.ManagementLink;
import hudson.security.Permission;
import java.time.Instant;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * <em>Manage Jenkins » AWS Rollout cleanups</em>: the abort paths steps are running in their builds (under a lease),
 * the cleanups the ledger drives, and the ones it finished lately (build, step, what is left, deadline, last error),
 * with a button to give up one the ledger drives (or whose step's lease expired).
 */
@Extension
public final class CleanupsLink extends ManagementLink {

    public static final String URL_NAME = "aws-rollout-cleanups";

    @Override
    public @CheckForNull String getIconFileName() {
        return "symbol-trash";
    }

    @Override
    public String getDisplayName() {
        return "AWS Rollout cleanups";
    }

    @Override
    public String getDescription() {
        return "Abort paths of aws-rollout steps that were ended before their cleanup finished: what is left in AWS, "
                + "until when, and the last error.";
    }

    @Override
    public @CheckForNull String getUrlName() {
        return URL_NAME;
    }

    @Override
    public @NonNull Permission getRequiredPermission() {
        return Jenkins.ADMINISTER;
    }

    @Override
    public @NonNull Category getCategory() {
        return Category.STATUS;
    }

    /** Every entry, newest first, for the page. */
    public List<CleanupEntry> getEntries() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        List<CleanupEntry> entries = new java.util.ArrayList<>(ControllerCleanups.get().ledger().entries());
        java.util.Collections.reverse(entries);
        return entries;
    }

    /** For the page: whether {@code entry} is pending past its deadline or failed. */
    public boolean needsAttention(CleanupEntry entry) {
        return entry.needsAttention(Instant.now());
    }

    /** For the page: who drives {@code entry}, or how it ended. */
    public String state(CleanupEntry entry) {
        return state(entry, Instant.now());
    }

    static String state(CleanupEntry entry, Instant now) {
        if (entry.held()) {
            return entry.leaseExpired(now)
                    ? "its step stopped renewing its lease at " + entry.leaseUntil() + "; the ledger takes it over"
                    : "running in its build (lease until " + entry.leaseUntil() + ")";
        }
        return switch (entry.stage()) {
            case PENDING -> "driven by the ledger";
            case FINISHED -> "finished";
            case FAILED -> "failed";
            case GIVEN_UP -> "given up";
        };
    }

    /** For the page: only a cleanup the ledger drives, or whose step's lease expired, can be given up. */
    public boolean canGiveUp(CleanupEntry entry) {
        return entry.canGiveUp(Instant.now());
    }

    /** Gives a pending cleanup up: the ledger stops driving it; what is left in AWS stays as it is. */
    @POST
    public HttpResponse doGiveUp(@QueryParameter String id) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ControllerCleanups.get().ledger().giveUp(id, Jenkins.getAuthentication2().getName());
        return HttpResponses.redirectToDot();
    }
}
