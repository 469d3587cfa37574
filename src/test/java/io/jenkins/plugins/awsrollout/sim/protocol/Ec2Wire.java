package io.jenkins.plugins.awsrollout.sim.protocol;

import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.core.SdkPojo;

/**
 * The EC2 protocol: form requests with flattened lists, results directly under
 * {@code <ActionResponse>} after {@code <requestId>}, errors as {@code Response/Errors/Error}.
 */
public final class Ec2Wire implements WireProtocol {
    private final String namespace;

    public Ec2Wire(String version) {
        this.namespace = "http://ec2.amazonaws.com/doc/" + version + "/";
    }

    @Override
    public String contentType() {
        return "text/xml;charset=UTF-8";
    }

    @Override
    public SdkPojo readRequest(SdkPojo requestBuilder, WireRequest request) {
        return new FormPojoReader(true, this, request.params()).read(requestBuilder);
    }

    @Override
    public byte[] writeResult(String action, SdkPojo result, String requestId) {
        StringBuilder out = new StringBuilder(512);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<").append(action).append("Response xmlns=\"")
                .append(namespace).append("\"><requestId>").append(requestId).append("</requestId>");
        int before = out.length();
        XmlPojoWriter.writeFields(result, out);
        if (out.length() == before) {
            // Calls without modelled output (CreateTags, DeleteSnapshot, ...) answer <return>true</return>.
            out.append("<return>true</return>");
        }
        out.append("</").append(action).append("Response>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] writeError(SimError error, String requestId) {
        StringBuilder out = new StringBuilder(256);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Response><Errors><Error><Code>");
        WireValues.escapeXml(error.code(), out);
        out.append("</Code><Message>");
        WireValues.escapeXml(String.valueOf(error.getMessage()), out);
        out.append("</Message></Error></Errors><RequestID>").append(requestId).append("</RequestID></Response>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public SimError throttling() {
        return new SimError(503, "RequestLimitExceeded", "Request limit exceeded.");
    }

    @Override
    public SimError serverError() {
        return new SimError(500, "InternalError", "An internal error has occurred");
    }

    @Override
    public SimError expiredToken() {
        // EC2 reports expired temporary credentials as an expired request.
        return SimError.client("RequestExpired", "Request has expired.");
    }

    @Override
    public SimError unknownAction(String action) {
        return SimError.client("InvalidAction", "The action " + action + " is not valid for this web service.");
    }

    @Override
    public SimError missingParameter(String wireName) {
        return SimError.client("MissingParameter", "The request must contain the parameter " + wireName);
    }

    @Override
    public SimError invalidParameter(String wireName, String value) {
        return SimError.client("InvalidParameterValue", "Value (" + value + ") for parameter " + wireName + " is invalid.");
    }
}
