package io.jenkins.plugins.awsrollout.sim.cloudformation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * Template properties into SDK request shapes: CloudFormation's property names are the service's member names
 * ({@code LaunchTemplateData.ImageId}, {@code TargetTrackingConfiguration.TargetValue}), so members are matched by
 * name and scalars converted from the template's text.
 */
final class TemplateValues {
    private TemplateValues() {}

    @SuppressWarnings("unchecked")
    static <T> T toPojo(Object value, Supplier<? extends SdkPojo> builder) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        SdkPojo target = builder.get();
        for (SdkField<?> field : target.sdkFields()) {
            Object member = map.get(field.memberName());
            if (member != null) {
                field.set(target, convert(member, field));
            }
        }
        return (T) ((Buildable) target).build();
    }

    private static Object convert(Object value, SdkField<?> field) {
        return switch (field.marshallingType().getKnownType()) {
            case STRING -> Intrinsics.text(value);
            case INTEGER -> Integer.valueOf(Intrinsics.text(value).trim());
            case LONG -> Long.valueOf(Intrinsics.text(value).trim());
            case DOUBLE -> Double.valueOf(Intrinsics.text(value).trim());
            case FLOAT -> Float.valueOf(Intrinsics.text(value).trim());
            case BOOLEAN -> Boolean.valueOf(Intrinsics.text(value).trim());
            case INSTANT -> Instant.parse(Intrinsics.text(value).trim());
            case SDK_POJO -> toPojo(value, field.constructor());
            case LIST -> {
                SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
                List<Object> items = new ArrayList<>();
                for (Object item : Intrinsics.asList(value)) {
                    items.add(convert(item, member));
                }
                yield items;
            }
            case MAP -> {
                SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
                Map<String, Object> out = new LinkedHashMap<>();
                if (value instanceof Map<?, ?> m) {
                    m.forEach((k, v) -> out.put(String.valueOf(k), convert(v, member)));
                }
                yield out;
            }
            default -> value;
        };
    }

    static Integer integer(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value == null ? null : Integer.valueOf(Intrinsics.text(value).trim());
    }

    static String text(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        return value == null ? null : Intrinsics.text(value);
    }

    static List<String> texts(Map<String, Object> properties, String name) {
        Object value = properties.get(name);
        if (value == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        Intrinsics.asList(value).forEach(v -> out.add(Intrinsics.text(v)));
        return out;
    }

    /** A {@code [{Key, Value}]} list as a map. */
    static Map<String, String> tags(Map<String, Object> properties, String name) {
        Map<String, String> out = new LinkedHashMap<>();
        if (properties.get(name) instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> tag) {
                    out.put(String.valueOf(tag.get("Key")), Intrinsics.text(tag.get("Value")));
                }
            }
        }
        return out;
    }
}
