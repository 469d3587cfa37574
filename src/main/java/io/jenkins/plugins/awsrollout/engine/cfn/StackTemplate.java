package io.jenkins.plugins.awsrollout.engine.cfn;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;

/**
 * Where the template comes from: its text (from the workspace or inline), or a URL of a template already in S3.
 *
 * @param body the template text, or null for {@code url}
 * @param url an S3 URL, or null
 * @param origin how the log names it: {@code 'infra/web.yaml' from the workspace}, {@code templateBody}, the URL
 */
public record StackTemplate(@CheckForNull String body, @CheckForNull String url, String origin) implements Serializable {

    /** The largest template CloudFormation takes as TemplateBody; larger ones go through S3. */
    public static final int MAX_BODY_BYTES = 51_200;

    public int bytes() {
        return body == null ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Whether the text is too large to send as TemplateBody. */
    public boolean needsUpload() {
        return body != null && bytes() > MAX_BODY_BYTES;
    }
}
