package io.jenkins.plugins.awsrollout.engine.codedeploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleArchiveTest {

    @TempDir
    Path workspace;

    private Path app;

    @BeforeEach
    void files() throws Exception {
        app = Files.createDirectories(workspace.resolve("deploy"));
        Files.writeString(app.resolve("appspec.yml"), "version: 0.0\nos: linux\n");
        Files.createDirectories(app.resolve("scripts"));
        Files.writeString(app.resolve("scripts/start.sh"), "#!/bin/sh\necho start\n".repeat(50));
        Files.setPosixFilePermissions(app.resolve("scripts/start.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(app.resolve(".git/objects"));
        Files.writeString(app.resolve(".git/objects/ab"), "x");
        Files.writeString(app.resolve("notes.md"), "x");
    }

    @Test
    void pack_directory_zipsWithUnixModesLeavingOutExcludes() throws Exception {
        Bundle bundle = BundleArchive.pack(workspace, "deploy", List.of(".git", "**/*.md"));

        assertThat(bundle.bundleType()).isEqualTo("zip");
        assertThat(bundle.files()).isEqualTo(2);
        Map<String, String> entries = read(bundle.content());
        assertThat(entries.keySet()).containsExactly("appspec.yml", "scripts/", "scripts/start.sh");
        assertThat(entries.get("appspec.yml")).isEqualTo("version: 0.0\nos: linux\n");
        assertThat(modes(bundle.content())).containsExactly(0100644, 040755, 0100755);
    }

    @Test
    void pack_sameFiles_sameBytes() throws Exception {
        byte[] first = BundleArchive.pack(workspace, "deploy", List.of()).content();
        Files.setLastModifiedTime(app.resolve("appspec.yml"), java.nio.file.attribute.FileTime.fromMillis(0));

        assertThat(BundleArchive.pack(workspace, "deploy", List.of()).content()).isEqualTo(first);
    }

    @Test
    void pack_archive_isTakenAsItIs() throws Exception {
        Files.write(workspace.resolve("web.tar.gz"), new byte[] {31, -117, 8});

        Bundle bundle = BundleArchive.pack(workspace, "web.tar.gz", List.of());

        assertThat(bundle.bundleType()).isEqualTo("tgz");
        assertThat(bundle.content()).containsExactly(31, -117, 8);
    }

    @Test
    void pack_refusesWhatCodeDeployCannotInstall() throws Exception {
        Files.createDirectories(workspace.resolve("empty"));
        Files.writeString(workspace.resolve("app.jar"), "x");

        assertThatThrownBy(() -> BundleArchive.pack(workspace, "empty", List.of())).isInstanceOf(OperationFailedException.class)
                .hasMessage("Invalid source: 'empty' has no appspec.yml at its top level, so CodeDeploy could not install it.");
        assertThatThrownBy(() -> BundleArchive.pack(workspace, "missing", List.of()))
                .hasMessage("Invalid source: 'missing' does not exist in the workspace " + workspace.toAbsolutePath().normalize() + ".");
        assertThatThrownBy(() -> BundleArchive.pack(workspace, "app.jar", List.of())).hasMessage("Invalid source: 'app.jar' is a file "
                + "but not a .zip, .tar or .tgz archive; name the directory that holds appspec.yml to have it zipped.");
        assertThatThrownBy(() -> BundleArchive.pack(workspace.resolve("deploy"), "../notes", List.of()))
                .hasMessage("Invalid source: '../notes' is outside the workspace.");
    }

    private static Map<String, String> read(byte[] zip) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }

    /** The Unix modes in the central directory, in order. */
    private static List<Integer> modes(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int end = zip.length - 22;
        int count = b.getShort(end + 10) & 0xFFFF;
        int offset = b.getInt(end + 16);
        List<Integer> modes = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertThat(b.getInt(offset)).isEqualTo(0x02014b50);
            assertThat(b.getShort(offset + 4) >> 8).isEqualTo(3);
            modes.add(b.getInt(offset + 38) >>> 16);
            offset += 46 + (b.getShort(offset + 28) & 0xFFFF) + (b.getShort(offset + 30) & 0xFFFF) + (b.getShort(offset + 32) & 0xFFFF);
        }
        return modes;
    }
}
