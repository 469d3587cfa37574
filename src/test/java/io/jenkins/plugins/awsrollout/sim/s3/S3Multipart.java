package io.jenkins.plugins.awsrollout.sim.s3;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.RawRequest;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import io.jenkins.plugins.awsrollout.sim.protocol.WireValues;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart uploads, as the AWS CLI and boto3 use them from 8 MiB on: CreateMultipartUpload ({@code POST ?uploads}),
 * UploadPart ({@code PUT ?partNumber&uploadId}), ListParts ({@code GET ?uploadId}), CompleteMultipartUpload
 * ({@code POST ?uploadId}) and AbortMultipartUpload ({@code DELETE ?uploadId}). The object's ETag is S3's: the MD5 of
 * the parts' MD5s, a dash and the part count. Errors: {@code NoSuchUpload} 404, {@code InvalidPart},
 * {@code InvalidPartOrder}, {@code EntityTooSmall} (a part other than the last under 5 MiB) and {@code MalformedXML} 400.
 */
final class S3Multipart {
    static final int MIN_PART_SIZE = 5 * 1024 * 1024;
    private static final Pattern PART = Pattern.compile(
            "<Part>.*?<PartNumber>(\\d+)</PartNumber>.*?</Part>", Pattern.DOTALL);
    private static final Pattern ETAG = Pattern.compile("<ETag>([^<]*)</ETag>");

    /** An upload in progress: where it goes, what the object will carry, and its parts by number. */
    private record Upload(String id, String bucket, String key, Instant initiated, String contentType, String serverSideEncryption,
            String kmsKeyId, Map<String, String> metadata, TreeMap<Integer, Part> parts) {}

    private record Part(int number, byte[] content, String eTag, Instant lastModified) {}

    private final Cloud cloud;
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

    S3Multipart(Cloud cloud) {
        this.cloud = cloud;
    }

    /** The multipart action a request is, or null when it is none. */
    static String action(RawRequest request, boolean objectKey) {
        Map<String, String> query = request.query();
        if (!objectKey) {
            return request.method().equals("GET") && query.containsKey("uploads") ? "ListMultipartUploads" : null;
        }
        return switch (request.method()) {
            case "POST" -> query.containsKey("uploads") ? "CreateMultipartUpload"
                    : query.containsKey("uploadId") ? "CompleteMultipartUpload" : null;
            case "PUT" -> query.containsKey("uploadId") && query.containsKey("partNumber") ? "UploadPart" : null;
            case "GET" -> query.containsKey("uploadId") ? "ListParts" : null;
            case "DELETE" -> query.containsKey("uploadId") ? "AbortMultipartUpload" : null;
            default -> null;
        };
    }

    String create(Bucket bucket, String key, RawRequest request) {
        Map<String, String> metadata = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (name.startsWith("x-amz-meta-") && !values.isEmpty()) {
                metadata.put(name.substring("x-amz-meta-".length()), values.get(0));
            }
        });
        String id = cloud.ids().hex("", 32);
        Upload upload = new Upload(id, bucket.name, key, cloud.now(), request.header("Content-Type"),
                request.header("x-amz-server-side-encryption"), request.header("x-amz-server-side-encryption-aws-kms-key-id"),
                metadata, new TreeMap<>());
        uploads.put(id, upload);
        StringBuilder xml = new StringBuilder("<Bucket>").append(bucket.name).append("</Bucket><Key>");
        WireValues.escapeXml(key, xml);
        return xml.append("</Key><UploadId>").append(id).append("</UploadId>").toString();
    }

    private Upload upload(Bucket bucket, String key, RawRequest request) {
        Upload upload = uploads.get(request.query().get("uploadId"));
        if (upload == null || !upload.bucket().equals(bucket.name) || !upload.key().equals(key)) {
            throw new SimError(404, "NoSuchUpload",
                    "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");
        }
        return upload;
    }

    /** UploadPart: returns the part's quoted ETag. */
    String uploadPart(Bucket bucket, String key, RawRequest request, byte[] content) {
        Upload upload = upload(bucket, key, request);
        int number;
        try {
            number = Integer.parseInt(request.query().get("partNumber"));
        } catch (NumberFormatException e) {
            number = 0;
        }
        if (number < 1 || number > 10000) {
            throw SimError.client("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive");
        }
        String eTag = S3Object.eTagOf(content);
        upload.parts().put(number, new Part(number, content, eTag, cloud.now()));
        return eTag;
    }

    String listParts(Bucket bucket, String key, RawRequest request) {
        Upload upload = upload(bucket, key, request);
        StringBuilder xml = new StringBuilder("<Bucket>").append(bucket.name).append("</Bucket><Key>");
        WireValues.escapeXml(key, xml);
        xml.append("</Key><UploadId>").append(upload.id()).append("</UploadId><StorageClass>STANDARD</StorageClass>")
                .append("<MaxParts>1000</MaxParts><IsTruncated>false</IsTruncated>");
        for (Part part : upload.parts().values()) {
            xml.append("<Part><PartNumber>").append(part.number()).append("</PartNumber><LastModified>")
                    .append(WireValues.iso(part.lastModified())).append("</LastModified><ETag>");
            WireValues.escapeXml(part.eTag(), xml);
            xml.append("</ETag><Size>").append(part.content().length).append("</Size></Part>");
        }
        return xml.toString();
    }

    String listUploads(Bucket bucket) {
        StringBuilder xml = new StringBuilder("<Bucket>").append(bucket.name).append("</Bucket><MaxUploads>1000</MaxUploads>")
                .append("<IsTruncated>false</IsTruncated>");
        for (Upload upload : uploads.values()) {
            if (upload.bucket().equals(bucket.name)) {
                xml.append("<Upload><Key>");
                WireValues.escapeXml(upload.key(), xml);
                xml.append("</Key><UploadId>").append(upload.id()).append("</UploadId><Initiated>")
                        .append(WireValues.iso(upload.initiated())).append("</Initiated><StorageClass>STANDARD</StorageClass></Upload>");
            }
        }
        return xml.toString();
    }

    /** CompleteMultipartUpload: the parts named, in ascending order, become the object. */
    S3Object complete(S3Store store, Bucket bucket, String key, RawRequest request) {
        Upload upload = upload(bucket, key, request);
        String body = new String(request.body(), StandardCharsets.UTF_8);
        Matcher parts = PART.matcher(body);
        List<Part> chosen = new ArrayList<>();
        int last = 0;
        while (parts.find()) {
            int number = Integer.parseInt(parts.group(1));
            Matcher eTag = ETAG.matcher(parts.group());
            Part part = upload.parts().get(number);
            if (part == null || eTag.find() && !unquote(eTag.group(1)).equals(unquote(part.eTag()))) {
                throw SimError.client("InvalidPart", "One or more of the specified parts could not be found.  The part may not have been "
                        + "uploaded, or the specified entity tag may not match the part's entity tag.");
            }
            if (number <= last) {
                throw SimError.client("InvalidPartOrder", "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
            last = number;
            chosen.add(part);
        }
        if (chosen.isEmpty()) {
            throw SimError.client("MalformedXML",
                    "The XML you provided was not well-formed or did not validate against our published schema");
        }
        for (int n = 0; n < chosen.size() - 1; n++) {
            if (chosen.get(n).content().length < MIN_PART_SIZE) {
                throw SimError.client("EntityTooSmall", "Your proposed upload is smaller than the minimum allowed size");
            }
        }
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        ByteArrayOutputStream digests = new ByteArrayOutputStream();
        for (Part part : chosen) {
            content.writeBytes(part.content());
            digests.writeBytes(HexFormat.of().parseHex(unquote(part.eTag())));
        }
        String eTag = '"' + md5Hex(digests.toByteArray()) + "-" + chosen.size() + '"';
        S3Object object = store.put(bucket, key, content.toByteArray(), eTag, upload.contentType(), upload.serverSideEncryption(),
                upload.kmsKeyId(), upload.metadata(), Map.of());
        uploads.remove(upload.id());
        return object;
    }

    void abort(Bucket bucket, String key, RawRequest request) {
        uploads.remove(upload(bucket, key, request).id());
    }

    private static String unquote(String eTag) {
        return eTag.replace("&quot;", "").replace("\"", "").trim();
    }

    private static String md5Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
