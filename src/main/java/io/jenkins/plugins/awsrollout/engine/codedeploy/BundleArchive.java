package io.jenkins.plugins.awsrollout.engine.codedeploy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Packs a source from a workspace into a CodeDeploy bundle. Pure Java, so it runs where the workspace is (an agent,
 * through a file callable) and in tests. A directory becomes a zip with the files' Unix modes and an
 * {@code appspec.yml} at its top level; an existing {@code .zip}, {@code .tar} or {@code .tgz} is taken as it is.
 */
public final class BundleArchive {

    /** Bundles travel in memory from the agent to the controller; larger ones belong in S3 already. */
    public static final long MAX_BYTES = 512L * 1024 * 1024;

    private BundleArchive() {}

    /**
     * @param workspace the workspace root
     * @param source the path of the directory or archive, relative to the workspace
     * @param excludes glob patterns of files to leave out, relative to the source directory
     */
    public static Bundle pack(Path workspace, String source, List<String> excludes) throws IOException {
        Path root = workspace.toAbsolutePath().normalize();
        Path target = root.resolve(source).normalize();
        if (!target.startsWith(root)) {
            throw new OperationFailedException("Invalid source: '" + source + "' is outside the workspace.");
        }
        if (!Files.exists(target)) {
            throw new OperationFailedException("Invalid source: '" + source + "' does not exist in the workspace " + root + ".");
        }
        if (Files.isDirectory(target)) {
            return zipDirectory(target, source, excludes);
        }
        String type = archiveType(target.getFileName().toString());
        if (type == null) {
            throw new OperationFailedException("Invalid source: '" + source + "' is a file but not a .zip, .tar or .tgz "
                    + "archive; name the directory that holds appspec.yml to have it zipped.");
        }
        checkSize(Files.size(target), source);
        return new Bundle(Files.readAllBytes(target), type, 0);
    }

    /** The bundle type of an archive file name, or null. */
    static String archiveType(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip")) {
            return "zip";
        }
        if (name.endsWith(".tgz") || name.endsWith(".tar.gz")) {
            return "tgz";
        }
        return name.endsWith(".tar") ? "tar" : null;
    }

    private static Bundle zipDirectory(Path directory, String source, List<String> excludes) throws IOException {
        if (!Files.isRegularFile(directory.resolve("appspec.yml")) && !Files.isRegularFile(directory.resolve("appspec.yaml"))) {
            throw new OperationFailedException("Invalid source: '" + source + "' has no appspec.yml at its top level, "
                    + "so CodeDeploy could not install it.");
        }
        List<PathMatcher> matchers = excludes.stream().map(BundleArchive::matcher).toList();
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(directory)) {
            paths = walk.filter(p -> !p.equals(directory))
                    .filter(p -> !excluded(directory.relativize(p), matchers))
                    .sorted()
                    .toList();
        }
        ZipWriter zip = new ZipWriter();
        long total = 0;
        int files = 0;
        for (Path path : paths) {
            String name = unixPath(directory.relativize(path));
            if (Files.isDirectory(path)) {
                zip.directory(name + "/", 0755);
            } else if (Files.isRegularFile(path)) {
                total += Files.size(path);
                checkSize(total, source);
                zip.file(name, Files.readAllBytes(path), executable(path) ? 0755 : 0644);
                files++;
            }
        }
        byte[] bytes = zip.finish();
        checkSize(bytes.length, source);
        return new Bundle(bytes, "zip", files);
    }

    private static boolean excluded(Path relative, List<PathMatcher> matchers) {
        for (Path p = relative; p != null; p = p.getParent()) {
            // A directory that matches takes everything under it along.
            for (PathMatcher m : matchers) {
                if (m.matches(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static PathMatcher matcher(String glob) {
        // "**/x" also matches x at the top level, as Ant-style patterns do.
        String pattern = glob.startsWith("**/") ? "{" + glob.substring(3) + "," + glob + "}" : glob;
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    private static boolean executable(Path file) throws IOException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, new LinkOption[0]);
            return permissions.contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            // No Unix modes here (Windows agents): shell scripts are the files hooks run.
            return file.getFileName().toString().endsWith(".sh");
        }
    }

    private static String unixPath(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static void checkSize(long bytes, String source) {
        if (bytes > MAX_BYTES) {
            throw new OperationFailedException("Invalid source: '" + source + "' is larger than " + (MAX_BYTES >> 20)
                    + " MB; upload the bundle to S3 yourself and deploy it with s3.");
        }
    }
}
