package io.jenkins.plugins.awsrollout.sim.protocol;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The query protocol (Auto Scaling, ELB, ELBv2, STS): form requests with {@code member} lists,
 * results in {@code <ActionResult>} as the first child of {@code <ActionResponse>}, errors as
 * {@code ErrorResponse/Error{Type,Code,Message}}.
 */
public final class QueryWire implements WireProtocol {
    private final String namespace;

    /** @param namespace the XML namespace, e.g. {@code http://autoscaling.amazonaws.com/doc/2011-01-01/} */
    public QueryWire(String namespace) {
        this.namespace = namespace;
    }

    @Override
    public String contentType() {
        return "text/xml;charset=UTF-8";
    }

    @Override
    public SdkPojo readRequest(SdkPojo requestBuilder, WireRequest request) {
        return new FormPojoReader(false, this, request.params()).read(requestBuilder);
    }

    @Override
    public byte[] writeResult(String action, SdkPojo result, String requestId) {
        StringBuilder out = new StringBuilder(512);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"")
                .append(namespace).append("\">");
        // The SDK reads the first child element as the result, whatever its name; botocore looks the
        // result up by name, even when it has no members (PutLifecycleHookResult). An empty result
        // element is harmless where the operation has no output at all.
        out.append('<').append(action).append("Result>");
        XmlPojoWriter.writeFields(result, out);
        out.append("</").append(action).append("Result>");
        out.append("<ResponseMetadata><RequestId>").append(requestId).append("</RequestId></ResponseMetadata></")
                .append(action).append("Response>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] writeError(SimError error, String requestId) {
        StringBuilder out = new StringBuilder(256);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse xmlns=\"").append(namespace)
                .append("\"><Error><Type>").append(error.status() >= 500 ? "Receiver" : "Sender").append("</Type><Code>");
        WireValues.escapeXml(error.code(), out);
        out.append("</Code><Message>");
        WireValues.escapeXml(String.valueOf(error.getMessage()), out);
        out.append("</Message></Error><RequestId>").append(requestId).append("</RequestId></ErrorResponse>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public SimError throttling() {
        return SimError.client("Throttling", "Rate exceeded");
    }

    @Override
    public SimError serverError() {
        return new SimError(500, "InternalFailure", "The request processing has failed because of an unknown error.");
    }

    @Override
    public SimError unknownAction(String action) {
        return SimError.client("InvalidAction", "Could not find operation " + action + " for this version");
    }

    @Override
    public SimError missingParameter(String wireName) {
        return SimError.client("ValidationError", "1 validation error detected: Value null at '"
                + Character.toLowerCase(wireName.charAt(0)) + wireName.substring(1)
                + "' failed to satisfy constraint: Member must not be null");
    }

    @Override
    public SimError invalidParameter(String wireName, String value) {
        return SimError.client("ValidationError", "Invalid value '" + value + "' for " + wireName);
    }
}
