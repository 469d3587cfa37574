package io.jenkins.plugins.awsrollout.steps;

import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/** Reads one text file of the workspace where the workspace is; null when it is not there. Paths may not leave it. */
final class ReadWorkspaceFile extends MasterToSlaveFileCallable<String> {

    private static final long serialVersionUID = 1L;

    /** CloudFormation takes templates up to 1 MB (from S3); nothing larger is read. */
    static final long MAX_BYTES = 1_048_576;

    private final String path;

    ReadWorkspaceFile(String path) {
        this.path = path;
    }

    @Override
    public String invoke(File workspace, VirtualChannel channel) throws IOException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        Path file = root.resolve(path).normalize();
        if (!file.startsWith(root)) {
            throw new IOException("'" + path + "' is outside the workspace");
        }
        if (!Files.isRegularFile(file)) {
            return null;
        }
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("'" + path + "' is " + Files.size(file) + " bytes, over CloudFormation's 1 MB template limit");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
