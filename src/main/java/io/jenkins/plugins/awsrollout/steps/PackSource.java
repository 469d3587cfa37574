package io.jenkins.plugins.awsrollout.steps;

import hudson.remoting.VirtualChannel;
import io.jenkins.plugins.awsrollout.engine.codedeploy.Bundle;
import io.jenkins.plugins.awsrollout.engine.codedeploy.BundleArchive;
import java.io.File;
import java.io.IOException;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;

/** Packs a workspace source where the workspace is and sends the bundle's bytes back; nothing else travels. */
final class PackSource extends MasterToSlaveFileCallable<Bundle> {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> excludes;

    PackSource(String source, List<String> excludes) {
        this.source = source;
        this.excludes = List.copyOf(excludes);
    }

    @Override
    public Bundle invoke(File workspace, VirtualChannel channel) throws IOException {
        return BundleArchive.pack(workspace.toPath(), source, excludes);
    }
}
