package io.jenkins.plugins.awsrollout.sim.cloudformation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a template body as CloudFormation does: JSON, or YAML with the short-form function tags ({@code !Ref X} is
 * {@code {Ref: X}}, {@code !GetAtt A.B} is {@code {Fn::GetAtt: [A, B]}}, {@code !Sub ...} is {@code {Fn::Sub: ...}}).
 * The result is plain maps, lists and scalars.
 */
final class TemplateReader {
    private static final List<String> FUNCTIONS = List.of("Base64", "Cidr", "FindInMap", "GetAZs", "If", "ImportValue",
            "Join", "Select", "Split", "Sub", "Transform", "Equals", "Not", "And", "Or", "Length", "ToJsonString");

    private TemplateReader() {}

    static Map<String, Object> read(String body) {
        String trimmed = body.stripLeading();
        try {
            Object parsed = trimmed.startsWith("{") ? new ObjectMapper().readValue(trimmed, Object.class) : yaml().load(body);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw formatError("the template is not a JSON object or a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> result = (Map<String, Object>) normalise(map);
            return result;
        } catch (JsonProcessingException e) {
            throw formatError("JSON not well-formed. (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        } catch (YAMLException e) {
            throw formatError("YAML not well-formed. " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static SimError formatError(String detail) {
        return SimError.client("ValidationError", "Template format error: " + detail);
    }

    private static Yaml yaml() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        return new Yaml(new ShortForms(options));
    }

    /** YAML 1.1 reads 2010-09-09 as a date; CloudFormation keeps it as text. Numbers and booleans stay as read. */
    private static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalise(v)));
            return out;
        }
        if (value instanceof Date date) {
            SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
            format.setTimeZone(TimeZone.getTimeZone("UTC"));
            return format.format(date);
        }
        return value;
    }

    /** The short-form tags: each builds the long form's one-key map. */
    private static final class ShortForms extends SafeConstructor {
        ShortForms(LoaderOptions options) {
            super(options);
            yamlConstructors.put(new Tag("!Ref"), new Function("Ref"));
            yamlConstructors.put(new Tag("!Condition"), new Function("Condition"));
            yamlConstructors.put(new Tag("!GetAtt"), new Function("Fn::GetAtt"));
            for (String name : FUNCTIONS) {
                yamlConstructors.put(new Tag("!" + name), new Function("Fn::" + name));
            }
        }

        private final class Function extends AbstractConstruct {
            private final String key;

            Function(String key) {
                this.key = key;
            }

            @Override
            public Object construct(Node node) {
                Object value;
                if (node instanceof ScalarNode scalar) {
                    String text = constructScalar(scalar);
                    if (key.equals("Fn::GetAtt")) {
                        int dot = text.indexOf('.');
                        value = dot < 0 ? List.of(text) : List.of(text.substring(0, dot), text.substring(dot + 1));
                    } else {
                        value = text;
                    }
                } else if (node instanceof SequenceNode sequence) {
                    value = constructSequence(sequence);
                } else {
                    value = constructMapping((MappingNode) node);
                }
                Map<String, Object> function = new LinkedHashMap<>();
                function.put(key, value);
                return function;
            }
        }
    }
}
