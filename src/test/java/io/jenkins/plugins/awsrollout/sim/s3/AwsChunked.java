package io.jenkins.plugins.awsrollout.sim.s3;

import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The {@code aws-chunked} content encoding the SDK uses for streaming uploads: chunks of
 * {@code <hex size>[;chunk-signature=...]\r\n<bytes>\r\n}, a zero-size chunk, then trailing
 * headers such as {@code x-amz-checksum-crc32:<base64>} (and a trailer signature). Signatures are
 * not checked; checksums are.
 *
 * @param content the decoded bytes
 * @param trailers the trailing headers, names lower-cased
 */
record AwsChunked(byte[] content, Map<String, String> trailers) {

    /** True when the request body is aws-chunked ({@code Content-Encoding} or {@code x-amz-content-sha256} says so). */
    static boolean applies(String contentEncoding, String contentSha256) {
        return (contentEncoding != null && contentEncoding.toLowerCase(Locale.ROOT).contains("aws-chunked"))
                || (contentSha256 != null && contentSha256.startsWith("STREAMING-"));
    }

    static AwsChunked decode(byte[] body) {
        ByteArrayOutputStream content = new ByteArrayOutputStream(body.length);
        int at = 0;
        while (true) {
            int lineEnd = indexOfCrlf(body, at);
            if (lineEnd < 0) {
                throw incomplete();
            }
            String header = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int semicolon = header.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? header : header.substring(0, semicolon)).trim(), 16);
            } catch (NumberFormatException e) {
                throw incomplete();
            }
            at = lineEnd + 2;
            if (size == 0) {
                break;
            }
            if (at + size > body.length) {
                throw incomplete();
            }
            content.write(body, at, size);
            at += size;
            if (at + 2 <= body.length && body[at] == '\r' && body[at + 1] == '\n') {
                at += 2;
            }
        }
        Map<String, String> trailers = new LinkedHashMap<>();
        while (at < body.length) {
            int lineEnd = indexOfCrlf(body, at);
            String line = new String(body, at, (lineEnd < 0 ? body.length : lineEnd) - at, StandardCharsets.US_ASCII);
            at = lineEnd < 0 ? body.length : lineEnd + 2;
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                trailers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return new AwsChunked(content.toByteArray(), trailers);
    }

    private static SimError incomplete() {
        return SimError.client("IncompleteBody", "The request body terminated unexpectedly");
    }

    private static int indexOfCrlf(byte[] body, int from) {
        for (int i = from; i + 1 < body.length; i++) {
            if (body[i] == '\r' && body[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Checks a flexible checksum ({@code x-amz-checksum-<algorithm>}, base64) against the content,
     * failing with S3's {@code BadDigest}. Algorithms the simulator cannot compute (CRC64NVME) are
     * accepted as sent.
     */
    static void verify(String headerName, String expected, byte[] content) {
        String algorithm = headerName.substring("x-amz-checksum-".length()).toLowerCase(Locale.ROOT);
        String actual = switch (algorithm) {
            case "crc32" -> crc(new CRC32(), content);
            case "crc32c" -> crc(new CRC32C(), content);
            case "sha1" -> digest("SHA-1", content);
            case "sha256" -> digest("SHA-256", content);
            default -> expected;
        };
        if (!actual.equals(expected)) {
            throw SimError.client("BadDigest", "The " + algorithm.toUpperCase(Locale.ROOT)
                    + " you specified did not match the calculated checksum.");
        }
    }

    /** Checks {@code Content-MD5} (base64 of the MD5). */
    static void verifyMd5(String expected, byte[] content) {
        if (!digest("MD5", content).equals(expected.trim())) {
            throw SimError.client("BadDigest", "The Content-MD5 you specified did not match what we received.");
        }
    }

    private static String crc(Checksum checksum, byte[] content) {
        checksum.update(content, 0, content.length);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) checksum.getValue()).array());
    }

    private static String digest(String algorithm, byte[] content) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance(algorithm).digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
