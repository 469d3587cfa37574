package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The intrinsic functions templates use, evaluated against a {@link Scope}. */
final class Intrinsics {
    /** {@code Ref: AWS::NoValue}: the property is dropped. */
    static final Object NO_VALUE = new Object() {
        @Override
        public String toString() {
            return "AWS::NoValue";
        }
    };

    private static final Pattern SUB = Pattern.compile("\\$\\{([^}]*)}");

    /** What names resolve to while a template is evaluated. */
    interface Scope {
        /** A parameter's or pseudo parameter's value (a String or a List), or null when {@code name} is neither. */
        Object parameter(String name);

        boolean condition(String name);

        /** A resource's Ref value: its physical id, or a placeholder while it does not exist yet. */
        Object resource(String logicalId);

        Object attribute(String logicalId, String attribute);

        String importValue(String exportName);

        Object mapping(String map, String key, String second);

        List<String> availabilityZones();
    }

    private Intrinsics() {}

    static Object eval(Object node, Scope scope) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                if (key.equals("Ref") || key.equals("Condition") || key.startsWith("Fn::")) {
                    return function(key, map.get(key), scope);
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                Object value = eval(e.getValue(), scope);
                if (value != NO_VALUE) {
                    out.put(String.valueOf(e.getKey()), value);
                }
            }
            return out;
        }
        if (node instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                Object value = eval(item, scope);
                if (value != NO_VALUE) {
                    out.add(value);
                }
            }
            return out;
        }
        return node;
    }

    static boolean truth(Object node, Scope scope) {
        Object value = eval(node, scope);
        if (value instanceof Boolean b) {
            return b;
        }
        return "true".equalsIgnoreCase(String.valueOf(value));
    }

    private static Object function(String name, Object arg, Scope scope) {
        switch (name) {
            case "Ref" -> {
                String target = String.valueOf(arg);
                if (target.equals("AWS::NoValue")) {
                    return NO_VALUE;
                }
                Object value = scope.parameter(target);
                return value != null ? value : scope.resource(target);
            }
            case "Condition" -> {
                return scope.condition(String.valueOf(arg));
            }
            case "Fn::GetAtt" -> {
                List<?> parts = arg instanceof List<?> l ? l : List.of(String.valueOf(arg).split("\\.", 2));
                if (parts.size() != 2) {
                    throw error("Fn::GetAtt needs a resource and an attribute: " + arg);
                }
                return scope.attribute(String.valueOf(eval(parts.get(0), scope)), String.valueOf(eval(parts.get(1), scope)));
            }
            case "Fn::Sub" -> {
                return sub(arg, scope);
            }
            case "Fn::Join" -> {
                List<?> args = list(name, arg, 2);
                List<?> items = asList(eval(args.get(1), scope));
                List<String> texts = new ArrayList<>();
                items.forEach(i -> texts.add(text(i)));
                return String.join(text(eval(args.get(0), scope)), texts);
            }
            case "Fn::Select" -> {
                List<?> args = list(name, arg, 2);
                int index = Integer.parseInt(text(eval(args.get(0), scope)));
                List<?> items = asList(eval(args.get(1), scope));
                if (index < 0 || index >= items.size()) {
                    throw error("Fn::Select cannot select nonexistent value at index " + index);
                }
                return items.get(index);
            }
            case "Fn::Split" -> {
                List<?> args = list(name, arg, 2);
                return List.of(text(eval(args.get(1), scope)).split(Pattern.quote(text(eval(args.get(0), scope))), -1));
            }
            case "Fn::If" -> {
                List<?> args = list(name, arg, 3);
                return scope.condition(String.valueOf(args.get(0))) ? eval(args.get(1), scope) : eval(args.get(2), scope);
            }
            case "Fn::Equals" -> {
                List<?> args = list(name, arg, 2);
                return text(eval(args.get(0), scope)).equals(text(eval(args.get(1), scope)));
            }
            case "Fn::Not" -> {
                return !truth(list(name, arg, 1).get(0), scope);
            }
            case "Fn::And" -> {
                for (Object item : (List<?>) arg) {
                    if (!truth(item, scope)) {
                        return false;
                    }
                }
                return true;
            }
            case "Fn::Or" -> {
                for (Object item : (List<?>) arg) {
                    if (truth(item, scope)) {
                        return true;
                    }
                }
                return false;
            }
            case "Fn::FindInMap" -> {
                List<?> args = list(name, arg, 3);
                return scope.mapping(text(eval(args.get(0), scope)), text(eval(args.get(1), scope)), text(eval(args.get(2), scope)));
            }
            case "Fn::ImportValue" -> {
                return scope.importValue(text(eval(arg, scope)));
            }
            case "Fn::Base64" -> {
                return Base64.getEncoder().encodeToString(text(eval(arg, scope)).getBytes(StandardCharsets.UTF_8));
            }
            case "Fn::GetAZs" -> {
                return scope.availabilityZones();
            }
            case "Fn::Length" -> {
                return asList(eval(arg, scope)).size();
            }
            default -> throw error("Unrecognized intrinsic function " + name);
        }
    }

    private static String sub(Object arg, Scope scope) {
        String template;
        Map<String, Object> vars = new LinkedHashMap<>();
        if (arg instanceof List<?> l) {
            template = String.valueOf(l.get(0));
            if (l.size() > 1 && l.get(1) instanceof Map<?, ?> m) {
                m.forEach((k, v) -> vars.put(String.valueOf(k), eval(v, scope)));
            }
        } else {
            template = String.valueOf(arg);
        }
        Matcher matcher = SUB.matcher(template);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String ref = matcher.group(1).trim();
            String value;
            if (ref.startsWith("!")) {
                value = "${" + ref.substring(1) + "}";
            } else if (vars.containsKey(ref)) {
                value = text(vars.get(ref));
            } else if (ref.contains(".") && scope.parameter(ref) == null) {
                int dot = ref.indexOf('.');
                value = text(scope.attribute(ref.substring(0, dot), ref.substring(dot + 1)));
            } else {
                Object p = scope.parameter(ref);
                value = text(p != null ? p : scope.resource(ref));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    /** The names a value refers to: resources and parameters, through Ref, GetAtt and Sub. */
    static void references(Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                String key = String.valueOf(map.keySet().iterator().next());
                Object arg = map.get(key);
                if (key.equals("Ref")) {
                    out.add(String.valueOf(arg));
                    return;
                }
                if (key.equals("Fn::GetAtt")) {
                    Object first = arg instanceof List<?> l ? l.get(0) : String.valueOf(arg).split("\\.")[0];
                    out.add(String.valueOf(first));
                    return;
                }
                if (key.equals("Fn::Sub")) {
                    String template = arg instanceof List<?> l ? String.valueOf(l.get(0)) : String.valueOf(arg);
                    List<String> local = new ArrayList<>();
                    if (arg instanceof List<?> l && l.size() > 1 && l.get(1) instanceof Map<?, ?> m) {
                        m.keySet().forEach(k -> local.add(String.valueOf(k)));
                        references(l.get(1), out);
                    }
                    Matcher matcher = SUB.matcher(template);
                    while (matcher.find()) {
                        String ref = matcher.group(1).trim();
                        if (!ref.startsWith("!") && !local.contains(ref)) {
                            out.add(ref.contains(".") ? ref.substring(0, ref.indexOf('.')) : ref);
                        }
                    }
                    return;
                }
            }
            map.values().forEach(v -> references(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> references(v, out));
        }
    }

    static String text(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            list.forEach(v -> parts.add(text(v)));
            return String.join(",", parts);
        }
        return String.valueOf(value);
    }

    static List<?> asList(Object value) {
        if (value instanceof List<?> list) {
            return list;
        }
        return List.of(String.valueOf(value).split(",", -1));
    }

    private static List<?> list(String name, Object arg, int size) {
        if (!(arg instanceof List<?> list) || list.size() < size) {
            throw error(name + " needs a list of " + size + " values");
        }
        return list;
    }

    static SimError error(String detail) {
        return TemplateReader.formatError(detail);
    }
}
