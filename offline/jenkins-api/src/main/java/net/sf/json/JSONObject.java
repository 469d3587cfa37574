package net.sf.json;

import java.util.Collection;

/**
 * Stand-in for json-lib's {@code net.sf.json.JSONObject} ({@code org.kohsuke.stapler:json-lib}): the members the
 * plugin uses. The real class also extends {@code AbstractJSON} and implements {@code JSON}, {@code Map} and
 * {@code Comparable}.
 */
public final class JSONObject {

    public Object opt(String key) {
        throw new UnsupportedOperationException("stand-in");
    }

    @SuppressWarnings("rawtypes")
    public JSONObject element(String key, Collection value) {
        throw new UnsupportedOperationException("stand-in");
    }
}
