package io.jenkins.plugins.awsrollout.engine.cfn;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Stack parameters from {@code parameters} ({@code Key=Value} entries) and {@code parametersFile}: JSON either in
 * CloudFormation's list form ({@code [{"ParameterKey": "Env", "ParameterValue": "prod"}]}, with
 * {@code "UsePreviousValue": true} allowed) or a plain object ({@code {"Env": "prod"}}). A value of null means "keep
 * the previous value".
 */
public final class ParameterValues {
    private ParameterValues() {}

    /** {@code Key=Value} entries; the value may be empty, the key may not. */
    public static Map<String, String> ofEntries(List<String> entries) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new OperationFailedException("Invalid parameters: '" + entry + "' is not Key=Value.");
            }
            String key = entry.substring(0, eq).trim();
            if (out.put(key, entry.substring(eq + 1)) != null) {
                throw new OperationFailedException("Invalid parameters: " + key + " is given twice.");
            }
        }
        return out;
    }

    /** The parameters a JSON file gives; {@code name} names it in errors. */
    public static Map<String, String> ofJson(String json, String name) {
        JsonNode root;
        try {
            root = JsonNode.parser().parse(json);
        } catch (RuntimeException e) {
            throw new OperationFailedException("Invalid parametersFile '" + name + "': not JSON (" + e.getMessage() + ").");
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root.isObject()) {
            for (Map.Entry<String, JsonNode> e : root.asObject().entrySet()) {
                out.put(e.getKey(), scalar(e.getValue(), name, e.getKey()));
            }
            return out;
        }
        if (!root.isArray()) {
            throw new OperationFailedException("Invalid parametersFile '" + name + "': expected a JSON object {\"Key\": \"value\"} "
                    + "or CloudFormation's list [{\"ParameterKey\": ..., \"ParameterValue\": ...}].");
        }
        for (JsonNode item : root.asArray()) {
            JsonNode key = item.isObject() ? item.field("ParameterKey").orElse(null) : null;
            if (key == null || !key.isString()) {
                throw new OperationFailedException("Invalid parametersFile '" + name + "': every entry needs a ParameterKey.");
            }
            boolean previous = item.field("UsePreviousValue").map(v -> v.isBoolean() && v.asBoolean()).orElse(false);
            JsonNode value = item.field("ParameterValue").orElse(null);
            if (!previous && value == null) {
                throw new OperationFailedException("Invalid parametersFile '" + name + "': " + key.asString()
                        + " has neither ParameterValue nor UsePreviousValue.");
            }
            out.put(key.asString(), previous ? null : scalar(value, name, key.asString()));
        }
        return out;
    }

    private static String scalar(JsonNode value, String name, String key) {
        if (value.isString()) {
            return value.asString();
        }
        if (value.isNumber()) {
            return value.asNumber();
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.asBoolean());
        }
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            for (JsonNode item : value.asArray()) {
                joined.append(joined.length() == 0 ? "" : ",").append(scalar(item, name, key));
            }
            return joined.toString();
        }
        throw new OperationFailedException("Invalid parametersFile '" + name + "': the value of " + key + " is not text.");
    }
}
