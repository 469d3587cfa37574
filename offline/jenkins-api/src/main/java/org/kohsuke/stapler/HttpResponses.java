package org.kohsuke.stapler;

/** Stand-in for Stapler's {@code HttpResponses}: the factories the plugin uses. */
public class HttpResponses {

    public static HttpResponse redirectToDot() {
        throw new UnsupportedOperationException("stand-in");
    }
}
