package io.jenkins.plugins.awsrollout.steps;

import java.io.IOException;
import java.util.List;

/** Where the {@link CleanupLedger} keeps its entries across controller restarts. */
public interface LedgerStore {

    /** Every entry saved last, in order; empty when nothing was ever saved. */
    List<CleanupEntry> load() throws IOException;

    /** Replaces what is saved with {@code entries}, all at once: a crash leaves either the old list or the new one. */
    void save(List<CleanupEntry> entries) throws IOException;
}
