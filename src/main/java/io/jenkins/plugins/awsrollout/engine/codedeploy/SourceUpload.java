package io.jenkins.plugins.awsrollout.engine.codedeploy;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.IOException;

/**
 * A directory or archive in the build's workspace, to be packed where the workspace is, uploaded to S3 from the
 * controller and registered as a revision.
 *
 * @param source where the files are, and how to pack them
 * @param bucket the bucket to upload to
 * @param keyPrefix the key prefix, empty or ending in {@code /}
 * @param keyName the file name part of the key before the content hash ({@code JOB-BUILD})
 * @param sseAlgorithm {@code AES256}, {@code aws:kms} or null for the bucket's default
 * @param kmsKeyId the KMS key for {@code aws:kms}, or null for the AWS managed key
 */
public record SourceUpload(
        BundleSource source,
        String bucket,
        String keyPrefix,
        String keyName,
        @CheckForNull String sseAlgorithm,
        @CheckForNull String kmsKeyId)
        implements Revision {

    @Override
    public String describe() {
        return source.describe();
    }

    /** The files packed where the workspace is; a failure is the step's failure, in one sentence. */
    Bundle pack() {
        try {
            return source.pack();
        } catch (IOException e) {
            throw new OperationFailedException("Could not pack " + describe() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException("Packing " + describe() + " was interrupted.", e);
        }
    }

    /** The object key for a bundle: the build and a content hash, so that a replayed upload writes the same key. */
    String keyFor(Bundle bundle) {
        return keyPrefix + keyName + "-" + bundle.sha256().substring(0, 12) + "." + bundle.extension();
    }
}
