package io.jenkins.plugins.awsrollout.sim.protocol;

import java.util.Map;
import software.amazon.awssdk.core.SdkPojo;

/**
 * How one family of AWS services puts requests, results and errors on the wire. The three
 * families the simulator speaks are {@link Ec2Wire}, {@link QueryWire} and {@link JsonWire}.
 */
public interface WireProtocol {

    /** Content type of every response body. */
    String contentType();

    /** Builds the typed request from the wire parameters (form fields, or the JSON body). */
    SdkPojo readRequest(SdkPojo requestBuilder, WireRequest request);

    /** Renders a successful result. */
    byte[] writeResult(String action, SdkPojo result, String requestId);

    /** Renders an error in this protocol's envelope. */
    byte[] writeError(SimError error, String requestId);

    /** The error a throttled request gets (code and HTTP status as the real service returns them). */
    SimError throttling();

    /** The error an injected server fault returns. */
    SimError serverError();

    /** The error for temporary credentials past their expiration. */
    default SimError expiredToken() {
        return SimError.client("ExpiredToken", "The security token included in the request is expired");
    }

    /** The error for an action the service does not know. */
    SimError unknownAction(String action);

    /** The error for a required member that is missing. */
    SimError missingParameter(String wireName);

    /** The error for a member whose value cannot be read. */
    SimError invalidParameter(String wireName, String value);

    /** Extra response headers, e.g. the JSON request id header. */
    default Map<String, String> headers(String requestId) {
        return Map.of();
    }
}
