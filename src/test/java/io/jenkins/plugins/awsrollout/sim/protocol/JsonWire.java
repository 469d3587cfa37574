package io.jenkins.plugins.awsrollout.sim.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * JSON 1.1 (CodeDeploy, SSM): the operation comes from {@code X-Amz-Target: Prefix.Operation},
 * members use the model's JSON names, timestamps are epoch seconds, errors are
 * {@code {"__type": code, "message": text}}.
 */
public final class JsonWire implements WireProtocol {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String targetPrefix;

    /** @param targetPrefix the part of X-Amz-Target before the dot, e.g. {@code CodeDeploy_20141006} */
    public JsonWire(String targetPrefix) {
        this.targetPrefix = targetPrefix;
    }

    public String targetPrefix() {
        return targetPrefix;
    }

    @Override
    public String contentType() {
        return "application/x-amz-json-1.1";
    }

    @Override
    public Map<String, String> headers(String requestId) {
        return Map.of("x-amzn-RequestId", requestId);
    }

    /** Parses a JSON body; an empty body is an empty object. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            return MAPPER.readTree(body);
        } catch (IOException e) {
            throw SimError.client("SerializationException", "Could not parse the request body as JSON");
        }
    }

    /** Flattens a JSON body to dotted paths for the call log ({@code revision.s3Location.bucket}). */
    public static Map<String, String> flatten(JsonNode node) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten(node, "", flat);
        return flat;
    }

    private static void flatten(JsonNode node, String path, Map<String, String> flat) {
        if (node.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> entry = fields.next();
                flatten(entry.getValue(), path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(), flat);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                flatten(node.get(i), path + "." + (i + 1), flat);
            }
        } else {
            flat.put(path, node.asText());
        }
    }

    @Override
    public SdkPojo readRequest(SdkPojo requestBuilder, WireRequest request) {
        JsonNode body = parse(request.body());
        fill(requestBuilder, body, true);
        return (SdkPojo) ((Buildable) requestBuilder).build();
    }

    private void fill(SdkPojo builder, JsonNode node, boolean top) {
        for (SdkField<?> field : builder.sdkFields()) {
            JsonNode value = node.get(field.locationName());
            if (value == null || value.isNull()) {
                if (top && field.containsTrait(RequiredTrait.class)) {
                    throw missingParameter(field.locationName());
                }
                continue;
            }
            field.set(builder, read(field, value));
        }
    }

    private Object read(SdkField<?> field, JsonNode value) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case SDK_POJO: {
                SdkPojo nested = field.constructor().get();
                fill(nested, value, false);
                return ((Buildable) nested).build();
            }
            case LIST: {
                SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                List<Object> items = new ArrayList<>();
                for (JsonNode item : value) {
                    items.add(read(member, item));
                }
                return items;
            }
            case MAP: {
                SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> map = new LinkedHashMap<>();
                value.fields().forEachRemaining(e -> map.put(e.getKey(), read(member, e.getValue())));
                return map;
            }
            case INTEGER:
                return value.asInt();
            case LONG:
                return value.asLong();
            case DOUBLE:
                return value.asDouble();
            case FLOAT:
                return (float) value.asDouble();
            case BIG_DECIMAL:
                return value.decimalValue();
            case BOOLEAN:
                return value.asBoolean();
            case INSTANT:
                return value.isNumber()
                        ? Instant.ofEpochMilli(value.decimalValue().movePointRight(3).longValue())
                        : WireValues.parseInstant(value.asText());
            case SDK_BYTES:
                return SdkBytes.fromByteArray(Base64.getDecoder().decode(value.asText()));
            default:
                return value.asText();
        }
    }

    @Override
    public byte[] writeResult(String action, SdkPojo result, String requestId) {
        try {
            return MAPPER.writeValueAsBytes(toJson(result));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Renders an SDK object with its JSON member names (usable by raw handlers too). */
    public static ObjectNode toJson(SdkPojo pojo) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            node.set(field.locationName(), write(field, value));
        }
        return node;
    }

    private static JsonNode write(SdkField<?> field, Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case SDK_POJO:
                return toJson((SdkPojo) value);
            case LIST: {
                SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                ArrayNode array = f.arrayNode();
                for (Object item : (List<?>) value) {
                    array.add(write(member, item));
                }
                return array;
            }
            case MAP: {
                SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
                ObjectNode map = f.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(String.valueOf(k), write(member, v)));
                return map;
            }
            case INSTANT:
                return f.numberNode(WireValues.epochSeconds((Instant) value));
            case INTEGER:
                return f.numberNode((Integer) value);
            case LONG:
                return f.numberNode((Long) value);
            case DOUBLE:
                return f.numberNode((Double) value);
            case FLOAT:
                return f.numberNode((Float) value);
            case BIG_DECIMAL:
                return f.numberNode((BigDecimal) value);
            case BOOLEAN:
                return f.booleanNode((Boolean) value);
            case SDK_BYTES:
                return f.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
            default:
                return f.textNode(String.valueOf(value));
        }
    }

    @Override
    public byte[] writeError(SimError error, String requestId) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("__type", error.code());
        node.put("message", error.getMessage());
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public SimError throttling() {
        return SimError.client("ThrottlingException", "Rate exceeded");
    }

    @Override
    public SimError serverError() {
        return new SimError(500, "InternalFailure", "The request processing has failed because of an unknown error.");
    }

    @Override
    public SimError expiredToken() {
        return SimError.client("ExpiredTokenException", "The security token included in the request is expired");
    }

    @Override
    public SimError unknownAction(String action) {
        return SimError.client("UnknownOperationException", "Unknown operation " + targetPrefix + "." + action);
    }

    @Override
    public SimError missingParameter(String wireName) {
        return SimError.client("ValidationException", "1 validation error detected: Value null at '" + wireName
                + "' failed to satisfy constraint: Member must not be null");
    }

    @Override
    public SimError invalidParameter(String wireName, String value) {
        return SimError.client("ValidationException", "Invalid value '" + value + "' for " + wireName);
    }
}
