package io.jenkins.plugins.awsrollout.sim.s3;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.RawHandler;
import io.jenkins.plugins.awsrollout.sim.protocol.RawRequest;
import io.jenkins.plugins.awsrollout.sim.protocol.RawResponse;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.ServiceErrors;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import io.jenkins.plugins.awsrollout.sim.protocol.WireValues;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3, path-style ({@code PUT /bucket/key}), with what CodeDeploy bundles need: CreateBucket,
 * HeadBucket, Put/GetBucketVersioning, ListBuckets, ListObjectsV2, PutObject (plain or
 * {@code aws-chunked} with trailing checksums), HeadObject, GetObject (by version, with
 * {@code If-Match}/{@code If-None-Match}), DeleteObject. Errors are S3's XML
 * {@code <Error><Code>..</Code><Message>..</Message>..<RequestId>..</RequestId></Error>}, with the
 * status S3 uses (404 for NoSuchBucket/NoSuchKey, 412 for a failed If-Match, 503 SlowDown when
 * throttled).
 */
public final class S3Service implements RawHandler {
    private static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Pattern LOCATION = Pattern.compile("<LocationConstraint>([^<]*)</LocationConstraint>");
    private static final Pattern VERSIONING = Pattern.compile("<Status>([^<]*)</Status>");
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final Cloud cloud;
    private final S3Multipart multipart;
    /** Extra elements of an error body (Key, BucketName, ...) by request id, set just before throwing. */
    private final Map<String, Map<String, String>> errorDetails = new ConcurrentHashMap<>();

    private S3Service(Cloud cloud) {
        this.cloud = cloud;
        this.multipart = new S3Multipart(cloud);
    }

    public static S3Service create(Cloud cloud) {
        return new S3Service(cloud);
    }

    @Override
    public String service() {
        return "s3";
    }

    /** Every request that is neither JSON nor a form post is a path-style S3 request. */
    @Override
    public boolean accepts(RawRequest request) {
        return request.path() != null && request.path().startsWith("/");
    }

    private record Target(String bucket, String key) {}

    private static Target target(RawRequest request) {
        String path = request.path().substring(1);
        if (path.isEmpty()) {
            return new Target(null, null);
        }
        int slash = path.indexOf('/');
        if (slash < 0 || slash == path.length() - 1) {
            return new Target(slash < 0 ? path : path.substring(0, slash), null);
        }
        return new Target(path.substring(0, slash), path.substring(slash + 1));
    }

    @Override
    public String action(RawRequest request) {
        Target target = target(request);
        String method = request.method();
        String multipartAction = target.bucket() == null ? null : S3Multipart.action(request, target.key() != null);
        if (multipartAction != null) {
            return multipartAction;
        }
        if (target.bucket() == null) {
            return method.equals("GET") ? "ListBuckets" : "Unsupported";
        }
        if (target.key() == null) {
            boolean versioning = request.query().containsKey("versioning");
            return switch (method) {
                case "PUT" -> versioning ? "PutBucketVersioning" : "CreateBucket";
                case "HEAD" -> "HeadBucket";
                case "GET" -> versioning ? "GetBucketVersioning" : "ListObjectsV2";
                case "DELETE" -> "DeleteBucket";
                default -> "Unsupported";
            };
        }
        return switch (method) {
            case "PUT" -> request.header("x-amz-copy-source") != null ? "CopyObject" : "PutObject";
            case "GET" -> "GetObject";
            case "HEAD" -> "HeadObject";
            case "DELETE" -> "DeleteObject";
            default -> "Unsupported";
        };
    }

    @Override
    public RawResponse handle(RawRequest request, RequestContext context) {
        Target target = target(request);
        S3Store store = S3Store.of(cloud);
        String region = context.region() == null ? cloud.defaultRegion().name() : context.region();
        try {
            return switch (context.action()) {
                case "ListBuckets" -> listBuckets(store);
                case "CreateBucket" -> createBucket(store, target.bucket(), request, region);
                case "HeadBucket" -> headBucket(store.bucket(target.bucket()));
                case "DeleteBucket" -> deleteBucket(store, target.bucket());
                case "PutBucketVersioning" -> putVersioning(store.bucket(target.bucket()), request);
                case "GetBucketVersioning" -> getVersioning(store.bucket(target.bucket()));
                case "ListObjectsV2" -> listObjects(store.bucket(target.bucket()), request);
                case "PutObject" -> putObject(store, store.bucket(target.bucket()), target.key(), request);
                case "GetObject" -> getObject(store.bucket(target.bucket()), target.key(), request, true);
                case "HeadObject" -> getObject(store.bucket(target.bucket()), target.key(), request, false);
                case "DeleteObject" -> deleteObject(store.bucket(target.bucket()), target.key());
                case "CreateMultipartUpload" -> xml(200, xmlStart("InitiateMultipartUploadResult")
                        .append(multipart.create(store.bucket(target.bucket()), target.key(), request))
                        .append("</InitiateMultipartUploadResult>"), Map.of());
                case "UploadPart" -> {
                    Bucket bucket = store.bucket(target.bucket());
                    Map<String, String> checksums = new LinkedHashMap<>();
                    byte[] content = body(request, checksums);
                    Map<String, String> headers = new LinkedHashMap<>(checksums);
                    headers.put("ETag", multipart.uploadPart(bucket, target.key(), request, content));
                    yield new RawResponse(200, headers(headers), new byte[0]);
                }
                case "ListParts" -> xml(200, xmlStart("ListPartsResult")
                        .append(multipart.listParts(store.bucket(target.bucket()), target.key(), request)).append("</ListPartsResult>"),
                        Map.of());
                case "ListMultipartUploads" -> xml(200, xmlStart("ListMultipartUploadsResult")
                        .append(multipart.listUploads(store.bucket(target.bucket()))).append("</ListMultipartUploadsResult>"), Map.of());
                case "CompleteMultipartUpload" -> {
                    Bucket bucket = store.bucket(target.bucket());
                    S3Object object = multipart.complete(store, bucket, target.key(), request);
                    StringBuilder xml = xmlStart("CompleteMultipartUploadResult").append("<Location>http://127.0.0.1/")
                            .append(bucket.name).append('/');
                    WireValues.escapeXml(object.key(), xml);
                    xml.append("</Location><Bucket>").append(bucket.name).append("</Bucket><Key>");
                    WireValues.escapeXml(object.key(), xml);
                    xml.append("</Key><ETag>");
                    WireValues.escapeXml(object.eTag(), xml);
                    xml.append("</ETag></CompleteMultipartUploadResult>");
                    Map<String, String> headers = new LinkedHashMap<>();
                    if (object.versionId() != null) {
                        headers.put("x-amz-version-id", object.versionId());
                    }
                    headers.put("x-amz-server-side-encryption", object.serverSideEncryption());
                    yield xml(200, xml, headers);
                }
                case "AbortMultipartUpload" -> {
                    multipart.abort(store.bucket(target.bucket()), target.key(), request);
                    yield new RawResponse(204, headers(Map.of()), new byte[0]);
                }
                default -> throw new SimError(501, "NotImplemented",
                        "A header you provided implies functionality that is not implemented");
            };
        } catch (SimError error) {
            Map<String, String> details = new LinkedHashMap<>();
            if (error.code().equals("NoSuchBucket") || error.code().equals("BucketAlreadyOwnedByYou")
                    || error.code().equals("BucketNotEmpty")) {
                details.put("BucketName", target.bucket());
            } else if (target.key() != null) {
                details.put("Key", target.key());
                if (error.code().equals("NoSuchVersion")) {
                    details.put("VersionId", request.query().get("versionId"));
                }
                if (error.code().equals("PreconditionFailed")) {
                    details.put("Condition", "If-Match");
                }
            }
            errorDetails.put(context.requestId(), details);
            throw error;
        }
    }

    // ---- buckets ----

    private RawResponse listBuckets(S3Store store) {
        StringBuilder xml = xmlStart("ListAllMyBucketsResult");
        xml.append("<Owner><ID>").append(cloud.accountId()).append("</ID><DisplayName>sim</DisplayName></Owner><Buckets>");
        for (Bucket bucket : store.buckets().values()) {
            xml.append("<Bucket><Name>").append(bucket.name).append("</Name><CreationDate>")
                    .append(WireValues.iso(bucket.created)).append("</CreationDate><BucketRegion>").append(bucket.region)
                    .append("</BucketRegion></Bucket>");
        }
        xml.append("</Buckets></ListAllMyBucketsResult>");
        return xml(200, xml, Map.of());
    }

    private RawResponse createBucket(S3Store store, String name, RawRequest request, String region) {
        if (!BUCKET_NAME.matcher(name).matches() || name.contains("..")) {
            throw SimError.client("InvalidBucketName", "The specified bucket is not valid.");
        }
        Matcher location = LOCATION.matcher(new String(request.body(), StandardCharsets.UTF_8));
        String bucketRegion = location.find() && !location.group(1).isBlank() ? location.group(1) : region;
        Bucket existing = store.find(name);
        // us-east-1 answers 200 when the owner re-creates a bucket; other regions say it is already owned.
        if (existing != null && !bucketRegion.equals("us-east-1")) {
            throw new SimError(409, "BucketAlreadyOwnedByYou",
                    "Your previous request to create the named bucket succeeded and you already own it.");
        }
        store.create(name, bucketRegion, false);
        return new RawResponse(200, headers(Map.of("Location", "/" + name)), new byte[0]);
    }

    private RawResponse headBucket(Bucket bucket) {
        return new RawResponse(200, headers(Map.of("x-amz-bucket-region", bucket.region)), new byte[0]);
    }

    private RawResponse deleteBucket(S3Store store, String name) {
        Bucket bucket = store.bucket(name);
        if (!bucket.objects.isEmpty()) {
            throw new SimError(409, "BucketNotEmpty", "The bucket you tried to delete is not empty");
        }
        store.buckets().remove(name);
        return new RawResponse(204, headers(Map.of()), new byte[0]);
    }

    private RawResponse putVersioning(Bucket bucket, RawRequest request) {
        Matcher status = VERSIONING.matcher(new String(request.body(), StandardCharsets.UTF_8));
        if (status.find()) {
            bucket.versioned = status.group(1).equals("Enabled");
        }
        return new RawResponse(200, headers(Map.of()), new byte[0]);
    }

    private RawResponse getVersioning(Bucket bucket) {
        StringBuilder xml = xmlStart("VersioningConfiguration");
        if (bucket.versioned) {
            xml.append("<Status>Enabled</Status>");
        }
        xml.append("</VersioningConfiguration>");
        return xml(200, xml, Map.of());
    }

    private RawResponse listObjects(Bucket bucket, RawRequest request) {
        String prefix = request.query().getOrDefault("prefix", "");
        int max = Integer.parseInt(request.query().getOrDefault("max-keys", "1000"));
        String after = request.query().getOrDefault("continuation-token", request.query().getOrDefault("start-after", ""));
        List<S3Object> matching = new ArrayList<>();
        for (String key : bucket.keys()) {
            if (key.startsWith(prefix) && key.compareTo(after) > 0) {
                matching.add(bucket.latest(key));
            }
        }
        boolean truncated = matching.size() > max;
        List<S3Object> page = truncated ? matching.subList(0, max) : matching;
        StringBuilder xml = xmlStart("ListBucketResult");
        xml.append("<Name>").append(bucket.name).append("</Name><Prefix>");
        WireValues.escapeXml(prefix, xml);
        xml.append("</Prefix><KeyCount>").append(page.size()).append("</KeyCount><MaxKeys>").append(max)
                .append("</MaxKeys><IsTruncated>").append(truncated).append("</IsTruncated>");
        for (S3Object object : page) {
            xml.append("<Contents><Key>");
            WireValues.escapeXml(object.key(), xml);
            xml.append("</Key><LastModified>").append(WireValues.iso(object.lastModified())).append("</LastModified><ETag>");
            WireValues.escapeXml(object.eTag(), xml);
            xml.append("</ETag><Size>").append(object.content().length).append("</Size><StorageClass>STANDARD</StorageClass></Contents>");
        }
        if (truncated) {
            xml.append("<NextContinuationToken>");
            WireValues.escapeXml(page.get(page.size() - 1).key(), xml);
            xml.append("</NextContinuationToken>");
        }
        xml.append("</ListBucketResult>");
        return xml(200, xml, Map.of());
    }

    // ---- objects ----

    private RawResponse putObject(S3Store store, Bucket bucket, String key, RawRequest request) {
        Map<String, String> checksums = new LinkedHashMap<>();
        byte[] content = body(request, checksums);
        Map<String, String> metadata = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (name.startsWith("x-amz-meta-") && !values.isEmpty()) {
                metadata.put(name.substring("x-amz-meta-".length()), values.get(0));
            }
        });
        S3Object object = store.put(bucket, key, content, request.header("Content-Type"),
                request.header("x-amz-server-side-encryption"), request.header("x-amz-server-side-encryption-aws-kms-key-id"),
                metadata, checksums);
        Map<String, String> headers = new LinkedHashMap<>(objectHeaders(object, false));
        headers.keySet().removeIf(h -> h.equals("Last-Modified") || h.equals("Content-Type") || h.startsWith("x-amz-meta-")
                || h.equals("Content-Length"));
        checksums.forEach(headers::put);
        return new RawResponse(200, headers(headers), new byte[0]);
    }

    /** The request's content (aws-chunked decoded), its checksums verified and collected by header name. */
    private static byte[] body(RawRequest request, Map<String, String> checksums) {
        byte[] content = request.body();
        if (AwsChunked.applies(request.header("Content-Encoding"), request.header("x-amz-content-sha256"))) {
            AwsChunked chunked = AwsChunked.decode(content);
            content = chunked.content();
            chunked.trailers().forEach((name, value) -> {
                if (name.startsWith("x-amz-checksum-")) {
                    checksums.put(name, value);
                }
            });
            String declared = request.header("x-amz-decoded-content-length");
            if (declared != null && Long.parseLong(declared.trim()) != content.length) {
                throw SimError.client("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header");
            }
        }
        request.headers().forEach((name, values) -> {
            if (name.startsWith("x-amz-checksum-") && !name.equals("x-amz-checksum-algorithm")
                    && !name.equals("x-amz-checksum-type") && !values.isEmpty()) {
                checksums.put(name, values.get(0));
            }
        });
        for (Map.Entry<String, String> checksum : checksums.entrySet()) {
            AwsChunked.verify(checksum.getKey(), checksum.getValue(), content);
        }
        String md5 = request.header("Content-MD5");
        if (md5 != null) {
            AwsChunked.verifyMd5(md5, content);
        }
        return content;
    }

    private RawResponse getObject(Bucket bucket, String key, RawRequest request, boolean withBody) {
        String versionId = request.query().get("versionId");
        S3Object object;
        if (versionId != null) {
            object = bucket.version(key, versionId);
            if (object == null) {
                if (bucket.latest(key) == null && !bucket.versioned) {
                    throw new SimError(404, "NoSuchKey", "The specified key does not exist.");
                }
                throw new SimError(404, "NoSuchVersion", "The specified version does not exist.");
            }
        } else {
            object = bucket.latest(key);
            if (object == null) {
                throw new SimError(404, "NoSuchKey", "The specified key does not exist.");
            }
        }
        String ifMatch = request.header("If-Match");
        if (ifMatch != null && !ifMatch.equals("*") && !unquote(ifMatch).equals(object.bareETag())) {
            throw new SimError(412, "PreconditionFailed", "At least one of the pre-conditions you specified did not hold");
        }
        String ifNoneMatch = request.header("If-None-Match");
        boolean checksumMode = "ENABLED".equalsIgnoreCase(request.header("x-amz-checksum-mode"));
        Map<String, String> headers = objectHeaders(object, checksumMode);
        if (ifNoneMatch != null && (ifNoneMatch.equals("*") || unquote(ifNoneMatch).equals(object.bareETag()))) {
            return new RawResponse(304, headers(headers), new byte[0]);
        }
        String range = request.header("Range");
        if (range != null) {
            return ranged(object, range, headers, withBody);
        }
        return new RawResponse(200, headers(headers), withBody ? object.content() : new byte[0]);
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /**
     * A single byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}): 206 with Content-Range, as the CLI's and
     * boto3's parallel downloads of large objects ask; 416 InvalidRange past the end; anything else is ignored (200), as S3 does.
     */
    private RawResponse ranged(S3Object object, String range, Map<String, String> headers, boolean withBody) {
        Matcher m = RANGE.matcher(range.trim());
        int size = object.content().length;
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            return new RawResponse(200, headers(headers), withBody ? object.content() : new byte[0]);
        }
        long first;
        long last;
        if (m.group(1).isEmpty()) {
            first = Math.max(0, size - Long.parseLong(m.group(2)));
            last = size - 1;
        } else {
            first = Long.parseLong(m.group(1));
            last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        }
        if (first >= size || first > last) {
            throw new SimError(416, "InvalidRange", "The requested range is not satisfiable");
        }
        byte[] part = java.util.Arrays.copyOfRange(object.content(), (int) first, (int) last + 1);
        Map<String, String> partial = new LinkedHashMap<>(headers);
        partial.put("Content-Length", Integer.toString(part.length));
        partial.put("Content-Range", "bytes " + first + "-" + last + "/" + size);
        return new RawResponse(206, headers(partial), withBody ? part : new byte[0]);
    }

    private RawResponse deleteObject(Bucket bucket, String key) {
        bucket.delete(key);
        return new RawResponse(204, headers(Map.of()), new byte[0]);
    }

    private static String unquote(String eTag) {
        return eTag.trim().replace("\"", "");
    }

    private static Map<String, String> objectHeaders(S3Object object, boolean checksums) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", object.contentType());
        headers.put("Content-Length", Integer.toString(object.content().length));
        headers.put("ETag", object.eTag());
        headers.put("Last-Modified", HTTP_DATE.format(object.lastModified()));
        headers.put("Accept-Ranges", "bytes");
        if (object.versionId() != null) {
            headers.put("x-amz-version-id", object.versionId());
        }
        headers.put("x-amz-server-side-encryption", object.serverSideEncryption());
        if (object.kmsKeyId() != null) {
            headers.put("x-amz-server-side-encryption-aws-kms-key-id", object.kmsKeyId());
        }
        object.metadata().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
        if (checksums && !object.checksums().isEmpty()) {
            headers.putAll(object.checksums());
            headers.put("x-amz-checksum-type", "FULL_OBJECT");
        }
        return headers;
    }

    // ---- wire ----

    private Map<String, String> headers(Map<String, String> extra) {
        Map<String, String> headers = new LinkedHashMap<>(extra);
        headers.put("x-amz-id-2", "c2ltdWxhdG9y");
        headers.put("Server", "AmazonS3");
        return headers;
    }

    private static StringBuilder xmlStart(String root) {
        return new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(root)
                .append(" xmlns=\"").append(NS).append("\">");
    }

    private RawResponse xml(int status, StringBuilder xml, Map<String, String> extra) {
        Map<String, String> headers = headers(extra);
        headers.put("Content-Type", "application/xml");
        return new RawResponse(status, headers, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public RawResponse error(SimError error, String requestId) {
        StringBuilder xml = new StringBuilder(256).append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>");
        WireValues.escapeXml(error.code(), xml);
        xml.append("</Code><Message>");
        WireValues.escapeXml(String.valueOf(error.getMessage()), xml);
        xml.append("</Message>");
        Map<String, String> details = errorDetails.remove(requestId);
        if (details != null) {
            details.forEach((name, value) -> {
                xml.append('<').append(name).append('>');
                WireValues.escapeXml(String.valueOf(value), xml);
                xml.append("</").append(name).append('>');
            });
        }
        xml.append("<RequestId>").append(requestId).append("</RequestId><HostId>c2ltdWxhdG9y</HostId></Error>");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/xml");
        headers.put("x-amz-request-id", requestId);
        headers.put("x-amz-id-2", "c2ltdWxhdG9y");
        return new RawResponse(error.status(), headers, xml.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ServiceErrors errors() {
        return new ServiceErrors(new SimError(503, "SlowDown", "Please reduce your request rate."),
                new SimError(500, "InternalError", "We encountered an internal error. Please try again."),
                SimError.client("ExpiredToken", "The provided token has expired."));
    }
}
