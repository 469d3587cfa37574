package io.jenkins.plugins.awsrollout.testing;

import io.jenkins.plugins.awsrollout.steps.CleanupEntry;
import io.jenkins.plugins.awsrollout.steps.LedgerStore;
import java.io.IOException;
import java.util.List;

/** A ledger store in memory, for runtimes that never restart (the scaled runner, benchmarks). */
public final class MemoryLedgerStore implements LedgerStore {

    private volatile List<CleanupEntry> saved = List.of();

    @Override
    public List<CleanupEntry> load() throws IOException {
        return saved;
    }

    @Override
    public void save(List<CleanupEntry> entries) throws IOException {
        saved = List.copyOf(entries);
    }
}
