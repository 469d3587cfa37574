package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudformation.model.Parameter;

/** Parameter values as CloudFormation checks them: known keys, defaults, previous values, allowed values and patterns. */
final class StackParameters {
    private StackParameters() {}

    static Map<String, Object> resolve(Template template, List<Parameter> given, Map<String, Object> previous) {
        Map<String, Parameter> byKey = new LinkedHashMap<>();
        if (Pojos.present(given)) {
            given.forEach(p -> byKey.put(p.parameterKey(), p));
        }
        Set<String> unknown = new TreeSet<>(byKey.keySet());
        unknown.removeAll(template.parameters.keySet());
        if (!unknown.isEmpty()) {
            throw SimError.client("ValidationError", "Parameters: " + unknown + " do not exist in the template");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : template.parameters.entrySet()) {
            String key = e.getKey();
            Map<String, Object> declaration = e.getValue();
            Parameter p = byKey.get(key);
            String value;
            if (p != null && Boolean.TRUE.equals(p.usePreviousValue())) {
                if (!previous.containsKey(key)) {
                    throw SimError.client("ValidationError", "Invalid input for parameter key " + key
                            + ". Cannot specify usePreviousValue as true for a parameter key not in the previous template");
                }
                value = Intrinsics.text(previous.get(key));
            } else if (p != null && p.parameterValue() != null) {
                value = p.parameterValue();
            } else if (declaration.containsKey("Default")) {
                value = Intrinsics.text(declaration.get("Default"));
            } else {
                missing.add(key);
                continue;
            }
            check(key, declaration, value);
            String type = String.valueOf(declaration.getOrDefault("Type", "String"));
            values.put(key, type.startsWith("List<") || type.equals("CommaDelimitedList")
                    ? List.of(value.isEmpty() ? new String[0] : value.split("\\s*,\\s*")) : value);
        }
        if (!missing.isEmpty()) {
            throw SimError.client("ValidationError", "Parameters: " + missing + " must have values");
        }
        return values;
    }

    static Set<String> noEcho(Template template) {
        Set<String> out = new TreeSet<>();
        template.parameters.forEach((k, d) -> {
            if ("true".equalsIgnoreCase(String.valueOf(d.get("NoEcho")))) {
                out.add(k);
            }
        });
        return out;
    }

    private static void check(String key, Map<String, Object> declaration, String value) {
        Object allowed = declaration.get("AllowedValues");
        if (allowed instanceof List<?> list && list.stream().map(Intrinsics::text).noneMatch(value::equals)) {
            throw SimError.client("ValidationError", "Parameter '" + key + "' must be one of AllowedValues");
        }
        Object pattern = declaration.get("AllowedPattern");
        if (pattern != null && !value.matches(String.valueOf(pattern))) {
            throw SimError.client("ValidationError", "Parameter '" + key + "' must match pattern " + pattern);
        }
        if ("Number".equals(String.valueOf(declaration.get("Type")))) {
            double number;
            try {
                number = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                throw SimError.client("ValidationError", "Parameter '" + key + "' must be a number");
            }
            Object min = declaration.get("MinValue");
            if (min != null && number < Double.parseDouble(String.valueOf(min))) {
                throw SimError.client("ValidationError", "Parameter '" + key + "' must be a number not less than " + min);
            }
            Object max = declaration.get("MaxValue");
            if (max != null && number > Double.parseDouble(String.valueOf(max))) {
                throw SimError.client("ValidationError", "Parameter '" + key + "' must be a number not greater than " + max);
            }
        }
    }
}
