package io.jenkins.plugins.awsrollout.sim.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * Copies between SDK model shapes that share member names, e.g. EC2's {@code RequestLaunchTemplateData}
 * into {@code ResponseLaunchTemplateData}, or Auto Scaling's {@code LaunchTemplateSpecification}
 * between request and result. Members are matched by model member name.
 */
public final class Pojos {
    private Pojos() {}

    /** A {@code target}-typed copy of {@code source}; members the target lacks are dropped. */
    @SuppressWarnings("unchecked")
    public static <T> T convert(SdkPojo source, Supplier<? extends SdkPojo> targetBuilder) {
        if (source == null) {
            return null;
        }
        SdkPojo builder = targetBuilder.get();
        copy(source, builder);
        return (T) ((Buildable) builder).build();
    }

    /**
     * {@code base} with every member that {@code overrides} sets replacing base's (top-level
     * members only, as CreateLaunchTemplateVersion merges a SourceVersion).
     */
    @SuppressWarnings("unchecked")
    public static <T extends SdkPojo> T overlay(T base, SdkPojo overrides, Supplier<? extends SdkPojo> builder) {
        SdkPojo target = builder.get();
        copy(base, target);
        for (SdkField<?> field : target.sdkFields()) {
            SdkField<?> from = field(overrides, field.memberName());
            if (from == null) {
                continue;
            }
            Object value = from.getValueOrDefault(overrides);
            if (isSet(value)) {
                field.set(target, convertValue(value, field));
            }
        }
        return (T) ((Buildable) target).build();
    }

    private static void copy(SdkPojo source, SdkPojo builder) {
        for (SdkField<?> field : builder.sdkFields()) {
            SdkField<?> from = field(source, field.memberName());
            if (from == null) {
                continue;
            }
            Object value = from.getValueOrDefault(source);
            if (isSet(value)) {
                field.set(builder, convertValue(value, field));
            }
        }
    }

    private static Object convertValue(Object value, SdkField<?> targetField) {
        MarshallingKnownType type = targetField.marshallingType().getKnownType();
        if (type == MarshallingKnownType.SDK_POJO && value instanceof SdkPojo pojo) {
            return convert(pojo, targetField.constructor());
        }
        if (type == MarshallingKnownType.LIST && value instanceof List<?> list) {
            SdkField<?> member = targetField.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> items = new ArrayList<>();
            for (Object item : list) {
                items.add(convertValue(item, member));
            }
            return items;
        }
        if (value instanceof Enum<?> e) {
            return e.toString();
        }
        return value;
    }

    private static boolean isSet(Object value) {
        return value != null && !(value instanceof SdkAutoConstructList) && !(value instanceof SdkAutoConstructMap);
    }

    private static SdkField<?> field(SdkPojo pojo, String memberName) {
        for (SdkField<?> f : pojo.sdkFields()) {
            if (f.memberName().equals(memberName)) {
                return f;
            }
        }
        return null;
    }

    /** True when a list came over the wire (not the SDK's placeholder for an absent list). */
    public static boolean present(List<?> list) {
        return list != null && !(list instanceof SdkAutoConstructList);
    }

    /** True when a map came over the wire. */
    public static boolean present(Map<?, ?> map) {
        return map != null && !(map instanceof SdkAutoConstructMap);
    }
}
