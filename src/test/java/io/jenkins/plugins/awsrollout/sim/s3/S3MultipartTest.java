package io.jenkins.plugins.awsrollout.sim.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsrollout.sim.AwsSimulator;
import io.jenkins.plugins.awsrollout.sim.ManualClock;
import io.jenkins.plugins.awsrollout.sim.SimClients;
import io.jenkins.plugins.awsrollout.sim.World;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Multipart uploads (what the CLI and boto3 switch to at 8 MiB) and the ranged reads of their parallel downloads. */
class S3MultipartTest {
    private static final int MIB = 1024 * 1024;

    private final ManualClock clock = ManualClock.at(Instant.parse("2026-01-01T00:00:00Z"));
    private AwsSimulator sim;
    private S3Client s3;
    private final byte[] content = new byte[11 * MIB];

    @BeforeEach
    void start() {
        sim = AwsSimulator.start(World.builder().region("us-east-1").build(), clock);
        s3 = SimClients.of(sim).s3();
        s3.createBucket(b -> b.bucket("bundles"));
        new Random(7).nextBytes(content);
    }

    @AfterEach
    void stop() {
        s3.close();
        sim.close();
    }

    private String upload(int part, byte[] bytes, String uploadId) {
        return s3.uploadPart(r -> r.bucket("bundles").key("big.zip").uploadId(uploadId).partNumber(part), RequestBody.fromBytes(bytes))
                .eTag();
    }

    @Test
    void partsBecomeOneObjectWithTheMultipartETag() throws Exception {
        String uploadId = s3.createMultipartUpload(r -> r.bucket("bundles").key("big.zip").contentType("application/zip")
                .serverSideEncryption("aws:kms").ssekmsKeyId("alias/bundles")).uploadId();
        byte[] first = Arrays.copyOfRange(content, 0, 8 * MIB);
        byte[] second = Arrays.copyOfRange(content, 8 * MIB, content.length);
        String e1 = upload(1, first, uploadId);
        String e2 = upload(2, second, uploadId);
        assertThat(s3.listParts(r -> r.bucket("bundles").key("big.zip").uploadId(uploadId)).parts()).extracting(p -> p.size())
                .containsExactly((long) 8 * MIB, (long) 3 * MIB);

        var done = s3.completeMultipartUpload(r -> r.bucket("bundles").key("big.zip").uploadId(uploadId).multipartUpload(m -> m.parts(
                CompletedPart.builder().partNumber(1).eTag(e1).build(), CompletedPart.builder().partNumber(2).eTag(e2).build())));

        MessageDigest md5 = MessageDigest.getInstance("MD5");
        md5.update(MessageDigest.getInstance("MD5").digest(first));
        md5.update(MessageDigest.getInstance("MD5").digest(second));
        String expected = "\"" + HexFormat.of().formatHex(md5.digest()) + "-2\"";
        assertThat(done.eTag()).isEqualTo(expected);
        var head = s3.headObject(r -> r.bucket("bundles").key("big.zip"));
        assertThat(head.eTag()).isEqualTo(expected);
        assertThat(head.contentLength()).isEqualTo(content.length);
        assertThat(head.contentType()).isEqualTo("application/zip");
        assertThat(head.ssekmsKeyId()).isEqualTo("alias/bundles");
        assertThat(s3.getObjectAsBytes(r -> r.bucket("bundles").key("big.zip")).asByteArray()).isEqualTo(content);
        var range = s3.getObjectAsBytes(r -> r.bucket("bundles").key("big.zip").range("bytes=10-19"));
        assertThat(range.asByteArray()).isEqualTo(Arrays.copyOfRange(content, 10, 20));
        assertThat(range.response().contentRange()).isEqualTo("bytes 10-19/" + content.length);
        assertThatThrownBy(() -> upload(3, first, uploadId)).isInstanceOf(NoSuchUploadException.class);
    }

    @Test
    void completionChecksPartsOrderAndSizeAndAbortForgetsTheUpload() {
        String uploadId = s3.createMultipartUpload(r -> r.bucket("bundles").key("big.zip")).uploadId();
        String small = upload(1, new byte[1024], uploadId);
        String last = upload(2, new byte[10], uploadId);

        assertThat(code(() -> s3.completeMultipartUpload(r -> r.bucket("bundles").key("big.zip").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(small).build(),
                        CompletedPart.builder().partNumber(2).eTag(last).build()))))).isEqualTo("EntityTooSmall 400");
        assertThat(code(() -> s3.completeMultipartUpload(r -> r.bucket("bundles").key("big.zip").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(2).eTag(last).build(),
                        CompletedPart.builder().partNumber(1).eTag(small).build()))))).isEqualTo("InvalidPartOrder 400");
        assertThat(code(() -> s3.completeMultipartUpload(r -> r.bucket("bundles").key("big.zip").uploadId(uploadId)
                .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"00\"").build()))))).isEqualTo("InvalidPart 400");
        assertThat(s3.listMultipartUploads(r -> r.bucket("bundles")).uploads()).extracting(u -> u.uploadId()).containsExactly(uploadId);

        s3.abortMultipartUpload(r -> r.bucket("bundles").key("big.zip").uploadId(uploadId));
        assertThat(s3.listMultipartUploads(r -> r.bucket("bundles")).uploads()).isEmpty();
        assertThat(code(() -> s3.abortMultipartUpload(r -> r.bucket("bundles").key("big.zip").uploadId(uploadId))))
                .isEqualTo("NoSuchUpload 404");
        assertThat(code(() -> s3.getObject(r -> r.bucket("bundles").key("big.zip").range("bytes=0-1")))).isEqualTo("NoSuchKey 404");
    }

    private static String code(Runnable call) {
        try {
            call.run();
            return "no error";
        } catch (S3Exception e) {
            return e.awsErrorDetails().errorCode() + " " + e.statusCode();
        }
    }
}
