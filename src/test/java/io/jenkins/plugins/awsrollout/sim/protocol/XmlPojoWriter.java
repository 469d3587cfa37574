package io.jenkins.plugins.awsrollout.sim.protocol;

import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Writes an SDK result object as XML elements, naming every element from the SDK model's
 * unmarshalling metadata ({@code instancesSet/item} for EC2, {@code Instances/member} for query).
 * Lists the handler never set (the SDK's auto-construct lists) are left out, as AWS leaves out
 * absent members.
 */
final class XmlPojoWriter {
    private XmlPojoWriter() {}

    static void writeFields(SdkPojo pojo, StringBuilder out) {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = field.getValueOrDefault(pojo);
            if (value == null || value instanceof SdkAutoConstructList || value instanceof SdkAutoConstructMap) {
                continue;
            }
            writeValue(field, field.unmarshallLocationName(), value, out);
        }
    }

    private static void writeValue(SdkField<?> field, String name, Object value, StringBuilder out) {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        if (type == MarshallingKnownType.LIST) {
            ListTrait trait = field.getTrait(ListTrait.class);
            SdkField<?> member = trait.memberFieldInfo();
            if (trait.isFlattened()) {
                for (Object item : (List<?>) value) {
                    writeValue(member, name, item, out);
                }
                return;
            }
            String memberName = member.unmarshallLocationName() == null ? "member" : member.unmarshallLocationName();
            out.append('<').append(name).append('>');
            for (Object item : (List<?>) value) {
                writeValue(member, memberName, item, out);
            }
            out.append("</").append(name).append('>');
            return;
        }
        if (type == MarshallingKnownType.MAP) {
            MapTrait trait = field.getTrait(MapTrait.class);
            String keyName = trait.keyLocationName() == null ? "key" : trait.keyLocationName();
            String valueName = trait.valueLocationName() == null ? "value" : trait.valueLocationName();
            out.append('<').append(name).append('>');
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                out.append("<entry><").append(keyName).append('>');
                WireValues.escapeXml(String.valueOf(entry.getKey()), out);
                out.append("</").append(keyName).append('>');
                writeValue(trait.valueFieldInfo(), valueName, entry.getValue(), out);
                out.append("</entry>");
            }
            out.append("</").append(name).append('>');
            return;
        }
        out.append('<').append(name).append('>');
        if (type == MarshallingKnownType.SDK_POJO) {
            writeFields((SdkPojo) value, out);
        } else if (value instanceof Instant instant) {
            out.append(WireValues.iso(instant));
        } else if (value instanceof SdkBytes bytes) {
            out.append(Base64.getEncoder().encodeToString(bytes.asByteArray()));
        } else {
            WireValues.escapeXml(String.valueOf(value), out);
        }
        out.append("</").append(name).append('>');
    }
}
