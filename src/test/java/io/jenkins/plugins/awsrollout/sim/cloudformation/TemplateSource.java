package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import io.jenkins.plugins.awsrollout.sim.s3.Bucket;
import io.jenkins.plugins.awsrollout.sim.s3.S3Object;
import io.jenkins.plugins.awsrollout.sim.s3.S3Store;
import java.net.URI;

/** A template from TemplateBody, or from TemplateURL in the simulated S3 (virtual-host or path style). */
final class TemplateSource {
    private TemplateSource() {}

    static Template of(Cloud cloud, String body, String url) {
        if (body != null && url != null) {
            throw SimError.client("ValidationError", "Specify exactly one of TemplateBody or TemplateUrl.");
        }
        if (body == null && url == null) {
            throw SimError.client("ValidationError", "Either Template URL or Template Body must be specified.");
        }
        if (body != null && body.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > Template.MAX_BODY) {
            throw SimError.client("ValidationError", "1 validation error detected: Value at 'templateBody' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + Template.MAX_BODY);
        }
        return Template.parse(body != null ? body : fetch(cloud, url));
    }

    private static String fetch(Cloud cloud, String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw invalidUrl();
        }
        String host = uri.getHost() == null ? "" : uri.getHost();
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String bucket;
        String key;
        int s3 = host.indexOf(".s3");
        if (s3 > 0) {
            bucket = host.substring(0, s3);
            key = path;
        } else {
            int slash = path.indexOf('/');
            if (slash <= 0) {
                throw invalidUrl();
            }
            bucket = path.substring(0, slash);
            key = path.substring(slash + 1);
        }
        Bucket found = S3Store.of(cloud).find(bucket);
        S3Object object = found == null ? null : found.latest(key);
        if (object == null) {
            throw SimError.client("ValidationError", "S3 error: Access Denied");
        }
        return object.text();
    }

    private static SimError invalidUrl() {
        return SimError.client("ValidationError", "TemplateURL must be a supported URL.");
    }
}
