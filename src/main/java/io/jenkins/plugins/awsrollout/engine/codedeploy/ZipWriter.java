package io.jenkins.plugins.awsrollout.engine.codedeploy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A minimal zip writer that records Unix file modes. {@link java.util.zip.ZipOutputStream} cannot, and the
 * CodeDeploy agent extracts hook scripts with the mode the archive gives them: a script stored without its
 * executable bit fails with {@code ScriptNotExecutable}. Entries get a fixed timestamp, so the same files always
 * give the same bytes (and the same S3 key). No zip64: at most 65,535 entries and 4 GB, far above the bundle limit.
 */
final class ZipWriter {

    static final int MAX_ENTRIES = 0xFFFF;
    private static final int VERSION_NEEDED = 20;
    private static final int MADE_BY_UNIX = (3 << 8) | VERSION_NEEDED;
    private static final int UTF8_NAMES = 0x0800;
    /** 1980-01-01 00:00, the earliest DOS date. */
    private static final int DOS_DATE = (1 << 5) | 1;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream central = new ByteArrayOutputStream();
    private int entries;

    /** A directory entry; {@code name} ends with {@code /}. */
    void directory(String name, int mode) {
        add(name, new byte[0], 0040000 | mode, true);
    }

    /** A regular file. */
    void file(String name, byte[] content, int mode) {
        add(name, content, 0100000 | mode, false);
    }

    byte[] finish() {
        int centralOffset = out.size();
        byte[] directory = central.toByteArray();
        out.writeBytes(directory);
        int32(out, 0x06054b50);
        int16(out, 0);
        int16(out, 0);
        int16(out, entries);
        int16(out, entries);
        int32(out, directory.length);
        int32(out, centralOffset);
        int16(out, 0);
        return out.toByteArray();
    }

    private void add(String name, byte[] content, int mode, boolean isDirectory) {
        if (++entries > MAX_ENTRIES) {
            throw new IllegalStateException("more than " + MAX_ENTRIES + " files");
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(content);
        byte[] deflated = deflate(content);
        boolean stored = deflated.length >= content.length;
        byte[] data = stored ? content : deflated;
        int method = stored ? 0 : 8;
        int offset = out.size();

        int32(out, 0x04034b50);
        int16(out, VERSION_NEEDED);
        int16(out, UTF8_NAMES);
        int16(out, method);
        int16(out, 0);
        int16(out, DOS_DATE);
        int32(out, (int) crc.getValue());
        int32(out, data.length);
        int32(out, content.length);
        int16(out, nameBytes.length);
        int16(out, 0);
        out.writeBytes(nameBytes);
        out.writeBytes(data);

        int32(central, 0x02014b50);
        int16(central, MADE_BY_UNIX);
        int16(central, VERSION_NEEDED);
        int16(central, UTF8_NAMES);
        int16(central, method);
        int16(central, 0);
        int16(central, DOS_DATE);
        int32(central, (int) crc.getValue());
        int32(central, data.length);
        int32(central, content.length);
        int16(central, nameBytes.length);
        int16(central, 0);
        int16(central, 0);
        int16(central, 0);
        int16(central, 0);
        int32(central, (mode << 16) | (isDirectory ? 0x10 : 0));
        int32(central, offset);
        central.writeBytes(nameBytes);
    }

    private static byte[] deflate(byte[] content) {
        if (content.length == 0) {
            return content;
        }
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream result = new ByteArrayOutputStream(Math.max(64, content.length / 2));
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                result.write(buffer, 0, deflater.deflate(buffer));
            }
            return result.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void int16(ByteArrayOutputStream to, int value) {
        to.write(value & 0xFF);
        to.write((value >>> 8) & 0xFF);
    }

    private static void int32(ByteArrayOutputStream to, int value) {
        int16(to, value & 0xFFFF);
        int16(to, (value >>> 16) & 0xFFFF);
    }
}
