package io.jenkins.plugins.awsrollout.sim.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.Call;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

class S3ServiceTest {
    private static final byte[] BUNDLE = "version: 0.0\nos: linux\nfiles:\n  - source: /\n    destination: /opt/web\n"
            .getBytes(StandardCharsets.UTF_8);

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private AwsSimulator sim;
    private S3Client s3;

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").build(), clock);
        s3 = SimClients.of(sim).s3();
        s3.createBucket(b -> b.bucket("deploy-bundles"));
    }

    @AfterEach
    void stop() {
        s3.close();
        sim.close();
    }

    private static String md5Hex(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
    }

    @Test
    void putThenHeadThenGetReturnTheBytesWithTheirMd5ETag() throws Exception {
        PutObjectResponse put = s3.putObject(r -> r.bucket("deploy-bundles").key("web/1.0.0.zip").contentType("application/zip")
                .metadata(java.util.Map.of("build", "42")), RequestBody.fromBytes(BUNDLE));

        HeadObjectResponse head = s3.headObject(r -> r.bucket("deploy-bundles").key("web/1.0.0.zip"));
        ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(r -> r.bucket("deploy-bundles").key("web/1.0.0.zip"));

        String eTag = '"' + md5Hex(BUNDLE) + '"';
        assertThat(put.eTag()).isEqualTo(eTag);
        assertThat(head.eTag()).isEqualTo(eTag);
        assertThat(head.contentLength()).isEqualTo(BUNDLE.length);
        assertThat(head.contentType()).isEqualTo("application/zip");
        assertThat(head.metadata()).containsEntry("build", "42");
        assertThat(head.lastModified()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(got.asByteArray()).isEqualTo(BUNDLE);
        assertThat(got.response().eTag()).isEqualTo(eTag);
        assertThat(put.versionId()).isNull();
        assertThat(sim.calls().of("s3", "PutObject")).singleElement().extracting(Call::ok).isEqualTo(true);
    }

    @Test
    void defaultSdkUploadIsAwsChunkedWithATrailingChecksumThatIsVerifiedAndKept() {
        s3.putObject(r -> r.bucket("deploy-bundles").key("web/chunked.zip").checksumAlgorithm(ChecksumAlgorithm.CRC32),
                RequestBody.fromBytes(BUNDLE));

        S3Object stored = sim.cloud().locked(() -> S3Store.of(sim.cloud()).bucket("deploy-bundles").latest("web/chunked.zip"));
        CRC32 crc = new CRC32();
        crc.update(BUNDLE);
        String expected = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        assertThat(stored.content()).isEqualTo(BUNDLE);
        assertThat(stored.checksums()).containsEntry("x-amz-checksum-crc32", expected);
        HeadObjectResponse head = s3.headObject(r -> r.bucket("deploy-bundles").key("web/chunked.zip")
                .checksumMode(ChecksumMode.ENABLED));
        assertThat(head.checksumCRC32()).isEqualTo(expected);
        assertThat(s3.getObjectAsBytes(r -> r.bucket("deploy-bundles").key("web/chunked.zip").checksumMode(ChecksumMode.ENABLED))
                .asByteArray()).isEqualTo(BUNDLE);
    }

    @Test
    void clientThatOnlySendsRequiredChecksumsUploadsWithoutATrailer() {
        try (S3Client plain = SimClients.of(sim).build(S3Client.builder().forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED))) {
            plain.putObject(r -> r.bucket("deploy-bundles").key("plain.zip"), RequestBody.fromBytes(BUNDLE));
        }

        assertThat(s3.getObjectAsBytes(r -> r.bucket("deploy-bundles").key("plain.zip")).asByteArray()).isEqualTo(BUNDLE);
    }

    @Test
    void signedAwsChunkedBodyWithChunkSignaturesAndTrailerSignatureIsDecoded() throws Exception {
        byte[] part1 = "hello ".getBytes(StandardCharsets.UTF_8);
        byte[] part2 = "chunked world".getBytes(StandardCharsets.UTF_8);
        String body = Integer.toHexString(part1.length) + ";chunk-signature=abc\r\nhello \r\n"
                + Integer.toHexString(part2.length) + ";chunk-signature=def\r\nchunked world\r\n"
                + "0;chunk-signature=000\r\nx-amz-checksum-crc32:" + crc32("hello chunked world") + "\r\n"
                + "x-amz-trailer-signature:123\r\n\r\n";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sim.endpoint() + "/deploy-bundles/raw.txt"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, Signature=x")
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER")
                .header("x-amz-decoded-content-length", Integer.toString(part1.length + part2.length))
                .header("x-amz-trailer", "x-amz-checksum-crc32")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("ETag")).contains('"' + md5Hex("hello chunked world".getBytes(StandardCharsets.UTF_8)) + '"');
        assertThat(s3.getObjectAsBytes(r -> r.bucket("deploy-bundles").key("raw.txt")).asUtf8String()).isEqualTo("hello chunked world");
    }

    private static String crc32(String text) {
        CRC32 crc = new CRC32();
        crc.update(text.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void wrongTrailingChecksumIsRejectedWithBadDigest() throws Exception {
        String body = "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(sim.endpoint() + "/deploy-bundles/bad.txt"))
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/s3/aws4_request, Signature=x")
                .header("Content-Encoding", "aws-chunked")
                .header("x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER")
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("<Code>BadDigest</Code>").contains("<Key>bad.txt</Key>");
        assertThat(sim.cloud().locked(() -> S3Store.of(sim.cloud()).bucket("deploy-bundles").latest("bad.txt"))).isNull();
    }

    @Test
    void wrongContentMd5IsBadDigest() {
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("deploy-bundles").key("x").contentMD5("AAAAAAAAAAAAAAAAAAAAAA=="),
                RequestBody.fromBytes(BUNDLE)))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("BadDigest");
                });
    }

    @Test
    void serverSideEncryptionIsRecordedAndReturned() {
        PutObjectResponse put = s3.putObject(r -> r.bucket("deploy-bundles").key("kms.zip")
                .serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId("alias/deploy"), RequestBody.fromBytes(BUNDLE));
        PutObjectResponse plain = s3.putObject(r -> r.bucket("deploy-bundles").key("plain.zip"), RequestBody.fromBytes(BUNDLE));

        HeadObjectResponse head = s3.headObject(r -> r.bucket("deploy-bundles").key("kms.zip"));
        assertThat(put.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.serverSideEncryption()).isEqualTo(ServerSideEncryption.AWS_KMS);
        assertThat(head.ssekmsKeyId()).isEqualTo("alias/deploy");
        assertThat(plain.serverSideEncryption()).isEqualTo(ServerSideEncryption.AES256);
        assertThat(sim.calls().of("s3", "PutObject").get(0).params()).containsEntry("path", "/deploy-bundles/kms.zip");
    }

    @Test
    void versionedBucketKeepsEveryVersionAndServesEachById() {
        s3.createBucket(b -> b.bucket("versioned"));
        s3.putBucketVersioning(r -> r.bucket("versioned").versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        String v1 = s3.putObject(r -> r.bucket("versioned").key("app.zip"), RequestBody.fromString("one")).versionId();
        String v2 = s3.putObject(r -> r.bucket("versioned").key("app.zip"), RequestBody.fromString("two")).versionId();

        assertThat(v1).isNotBlank().isNotEqualTo(v2);
        assertThat(s3.getObjectAsBytes(r -> r.bucket("versioned").key("app.zip")).asUtf8String()).isEqualTo("two");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("versioned").key("app.zip").versionId(v1)).asUtf8String()).isEqualTo("one");
        assertThat(s3.headObject(r -> r.bucket("versioned").key("app.zip").versionId(v1)).versionId()).isEqualTo(v1);
        assertThat(s3.getBucketVersioning(r -> r.bucket("versioned")).status()).isEqualTo(BucketVersioningStatus.ENABLED);
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("versioned").key("app.zip").versionId("NOSUCHVERSION")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchVersion");
                });
    }

    @Test
    void missingKeyAndBucketAreModeledErrorsWith404() {
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("deploy-bundles").key("nope.zip")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified key does not exist.");
                });
        assertThatThrownBy(() -> s3.headObject(r -> r.bucket("deploy-bundles").key("nope.zip")))
                .isInstanceOfSatisfying(NoSuchKeyException.class, e -> assertThat(e.statusCode()).isEqualTo(404));
        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("no-such-bucket").key("x")))
                .isInstanceOfSatisfying(NoSuchBucketException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The specified bucket does not exist");
                });
        assertThatThrownBy(() -> s3.putObject(r -> r.bucket("no-such-bucket").key("x"), RequestBody.fromString("x")))
                .isInstanceOf(NoSuchBucketException.class);
        assertThat(sim.calls().failed()).extracting(Call::outcome)
                .containsExactly("NoSuchKey", "NoSuchKey", "NoSuchBucket", "NoSuchBucket");
    }

    @Test
    void ifMatchWithAnotherETagFailsWith412() {
        s3.putObject(r -> r.bucket("deploy-bundles").key("a.zip"), RequestBody.fromBytes(BUNDLE));

        assertThatThrownBy(() -> s3.getObjectAsBytes(r -> r.bucket("deploy-bundles").key("a.zip").ifMatch("\"0123\"")))
                .isInstanceOfSatisfying(S3Exception.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(412);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("PreconditionFailed");
                });
    }

    @Test
    void throttlingIsSlowDownAndRetriedByTheSdk() {
        s3.putObject(r -> r.bucket("deploy-bundles").key("a.zip"), RequestBody.fromBytes(BUNDLE));
        sim.faults().throttleNext("GetObject", 2);

        assertThat(s3.getObjectAsBytes(r -> r.bucket("deploy-bundles").key("a.zip")).asByteArray()).isEqualTo(BUNDLE);
        assertThat(sim.calls().of("s3", "GetObject")).extracting(Call::outcome).containsExactly("SlowDown", "SlowDown", "OK");
        assertThat(sim.calls().throttled()).allSatisfy(c -> assertThat(c.httpStatus()).isEqualTo(503));
    }

    @Test
    void listsBucketsAndObjectsByPrefix() {
        s3.putObject(r -> r.bucket("deploy-bundles").key("web/1.zip"), RequestBody.fromString("1"));
        s3.putObject(r -> r.bucket("deploy-bundles").key("web/2.zip"), RequestBody.fromString("2"));
        s3.putObject(r -> r.bucket("deploy-bundles").key("api/1.zip"), RequestBody.fromString("3"));

        assertThat(s3.listBuckets().buckets()).extracting(b -> b.name()).containsExactly("deploy-bundles");
        assertThat(s3.listObjectsV2Paginator(r -> r.bucket("deploy-bundles").prefix("web/").maxKeys(1)).contents())
                .extracting(o -> o.key()).containsExactly("web/1.zip", "web/2.zip");
        s3.headBucket(r -> r.bucket("deploy-bundles"));
        assertThatThrownBy(() -> s3.headBucket(r -> r.bucket("nope"))).isInstanceOf(NoSuchBucketException.class);
    }
}
