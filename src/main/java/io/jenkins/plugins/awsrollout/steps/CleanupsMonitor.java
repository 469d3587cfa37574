package io.jenkins.plugins.awsrollout.steps;

import hudson.Extension;
import hudson.model.AdministrativeMonitor;

/** Shown to administrators while a cleanup has failed or is pending past its deadline: AWS may hold leftovers. */
@Extension
public final class CleanupsMonitor extends AdministrativeMonitor {

    @Override
    public String getDisplayName() {
        return "AWS Rollout cleanups that need attention";
    }

    @Override
    public boolean isActivated() {
        return !ControllerCleanups.get().ledger().needingAttention().isEmpty();
    }

    /** How many cleanups need attention, for the message. */
    public int getCount() {
        return ControllerCleanups.get().ledger().needingAttention().size();
    }
}
