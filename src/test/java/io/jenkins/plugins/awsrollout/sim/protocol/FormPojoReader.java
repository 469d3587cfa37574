package io.jenkins.plugins.awsrollout.sim.protocol;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.traits.RequiredTrait;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * Reads form parameters ({@code Name.1}, {@code Name.member.1.Child}, ...) into an SDK request
 * object, driven by the SDK model's own field metadata, so every wire name is exactly the one
 * the SDK (and the AWS CLI, boto3) sends.
 *
 * <p>EC2 always flattens lists ({@code InstanceId.1}); the query protocol nests them under
 * {@code member} ({@code Targets.member.1.Id}) unless the model marks the list flattened.
 */
final class FormPojoReader {
    private final boolean ec2;
    private final WireProtocol protocol;
    private final Map<String, String> params;
    /** Every dotted prefix of every parameter name, so "is anything under X." is one lookup. */
    private final Set<String> prefixes = new HashSet<>();

    FormPojoReader(boolean ec2, WireProtocol protocol, Map<String, String> params) {
        this.ec2 = ec2;
        this.protocol = protocol;
        this.params = params;
        for (String key : params.keySet()) {
            int dot = key.indexOf('.');
            while (dot > 0) {
                prefixes.add(key.substring(0, dot));
                dot = key.indexOf('.', dot + 1);
            }
        }
    }

    SdkPojo read(SdkPojo builder) {
        fill(builder, "");
        return (SdkPojo) ((Buildable) builder).build();
    }

    private boolean fill(SdkPojo builder, String prefix) {
        boolean any = false;
        for (SdkField<?> field : builder.sdkFields()) {
            String name = prefix + field.locationName();
            Object value = value(field, name);
            if (value != null) {
                field.set(builder, value);
                any = true;
            } else if (field.containsTrait(RequiredTrait.class) && prefix.isEmpty()) {
                throw protocol.missingParameter(name);
            }
        }
        return any;
    }

    private Object value(SdkField<?> field, String name) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        if (type == MarshallingKnownType.SDK_POJO) {
            if (!prefixes.contains(name)) {
                return null;
            }
            SdkPojo nested = field.constructor().get();
            return fill(nested, name + ".") ? ((Buildable) nested).build() : null;
        }
        if (type == MarshallingKnownType.LIST) {
            return list(field, name);
        }
        if (type == MarshallingKnownType.MAP) {
            return map(field, name);
        }
        String raw = params.get(name);
        return raw == null ? null : scalar(type, name, raw);
    }

    private List<Object> list(SdkField<?> field, String name) {
        ListTrait trait = field.getTrait(ListTrait.class);
        String itemPrefix;
        if (ec2 || trait.isFlattened()) {
            itemPrefix = name + ".";
        } else {
            String member = trait.memberLocationName() == null ? "member" : trait.memberLocationName();
            itemPrefix = name + "." + member + ".";
        }
        if (!prefixes.contains(itemPrefix.substring(0, itemPrefix.length() - 1))) {
            // "Name=" with an empty value is how the query protocol sends an empty list.
            String raw = params.get(name);
            return raw != null && raw.isEmpty() ? new ArrayList<>() : null;
        }
        SdkField<?> member = trait.memberFieldInfo();
        List<Object> items = new ArrayList<>();
        for (int i = 1; ; i++) {
            Object item = value(member, itemPrefix + i);
            if (item == null) {
                break;
            }
            items.add(item);
        }
        return items;
    }

    private Map<String, Object> map(SdkField<?> field, String name) {
        MapTrait trait = field.getTrait(MapTrait.class);
        if (!prefixes.contains(name)) {
            return null;
        }
        String entryPrefix = trait.isFlattened() || ec2 ? name + "." : name + ".entry.";
        String keyName = trait.keyLocationName() == null ? "key" : trait.keyLocationName();
        String valueName = trait.valueLocationName() == null ? "value" : trait.valueLocationName();
        Map<String, Object> result = new LinkedHashMap<>();
        for (int i = 1; ; i++) {
            String key = params.get(entryPrefix + i + "." + keyName);
            if (key == null) {
                break;
            }
            result.put(key, value(trait.valueFieldInfo(), entryPrefix + i + "." + valueName));
        }
        return result;
    }

    private Object scalar(MarshallingKnownType type, String name, String raw) {
        try {
            switch (type) {
                case STRING:
                    return raw;
                case INTEGER:
                    return Integer.valueOf(raw.trim());
                case LONG:
                    return Long.valueOf(raw.trim());
                case SHORT:
                    return Short.valueOf(raw.trim());
                case BYTE:
                    return Byte.valueOf(raw.trim());
                case FLOAT:
                    return Float.valueOf(raw.trim());
                case DOUBLE:
                    return Double.valueOf(raw.trim());
                case BIG_DECIMAL:
                    return new BigDecimal(raw.trim());
                case BOOLEAN:
                    if (!raw.equalsIgnoreCase("true") && !raw.equalsIgnoreCase("false")) {
                        throw protocol.invalidParameter(name, raw);
                    }
                    return Boolean.valueOf(raw);
                case INSTANT:
                    return WireValues.parseInstant(raw);
                case SDK_BYTES:
                    return SdkBytes.fromByteArray(java.util.Base64.getDecoder().decode(raw));
                default:
                    return raw;
            }
        } catch (NumberFormatException | DateTimeParseException e) {
            throw protocol.invalidParameter(name, raw);
        } catch (IllegalArgumentException e) {
            throw protocol.invalidParameter(name, raw);
        }
    }
}
