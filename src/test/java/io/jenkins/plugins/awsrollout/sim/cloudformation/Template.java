package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A parsed, checked template: its sections as plain maps, what it needs, and the order its resources are made in. */
final class Template {
    static final int MAX_BODY = 51_200;
    private static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata", "Parameters",
            "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs", "Hooks");
    private static final Set<String> PSEUDO = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    /** IAM resources need CAPABILITY_IAM, or CAPABILITY_NAMED_IAM when they carry a name of their own. */
    private static final Map<String, String> IAM_NAMES = Map.of("AWS::IAM::Role", "RoleName", "AWS::IAM::User", "UserName",
            "AWS::IAM::Group", "GroupName", "AWS::IAM::ManagedPolicy", "ManagedPolicyName", "AWS::IAM::InstanceProfile",
            "InstanceProfileName", "AWS::IAM::Policy", "", "AWS::IAM::AccessKey", "", "AWS::IAM::UserToGroupAddition", "");

    final String body;
    final String description;
    final Map<String, Map<String, Object>> parameters = new LinkedHashMap<>();
    final Map<String, Object> mappings;
    final Map<String, Object> conditions;
    final Map<String, Map<String, Object>> resources = new LinkedHashMap<>();
    final Map<String, Map<String, Object>> outputs = new LinkedHashMap<>();
    final boolean transform;

    private Template(String body, Map<String, Object> root) {
        this.body = body;
        this.description = root.get("Description") == null ? null : String.valueOf(root.get("Description"));
        sectionMaps(root, "Parameters").forEach((k, v) -> parameters.put(k, asMap(v, "Parameters." + k)));
        this.mappings = sectionMaps(root, "Mappings");
        this.conditions = sectionMaps(root, "Conditions");
        sectionMaps(root, "Resources").forEach((k, v) -> resources.put(k, asMap(v, "Resources." + k)));
        sectionMaps(root, "Outputs").forEach((k, v) -> outputs.put(k, asMap(v, "Outputs." + k)));
        this.transform = root.containsKey("Transform");
    }

    /** Parses and checks {@code body}, throwing the ValidationError CloudFormation would. */
    static Template parse(String body) {
        if (body == null || body.isBlank()) {
            throw SimError.client("ValidationError", "Template format error: the template is empty");
        }
        Map<String, Object> root = TemplateReader.read(body);
        for (String key : root.keySet()) {
            if (!SECTIONS.contains(key)) {
                throw TemplateReader.formatError("Unrecognized top level field: " + key);
            }
        }
        Template template = new Template(body, root);
        template.check();
        return template;
    }

    private void check() {
        if (resources.isEmpty()) {
            throw TemplateReader.formatError("At least one Resources member must be defined.");
        }
        Set<String> unresolved = new TreeSet<>();
        for (Map.Entry<String, Map<String, Object>> e : resources.entrySet()) {
            Object type = e.getValue().get("Type");
            if (type == null || String.valueOf(type).isBlank()) {
                throw TemplateReader.formatError("[/Resources/" + e.getKey() + "] Every Resources object must contain a Type member.");
            }
            for (String ref : references(e.getValue())) {
                if (!isName(ref)) {
                    unresolved.add(ref);
                }
            }
            Object condition = e.getValue().get("Condition");
            if (condition != null && !conditions.containsKey(String.valueOf(condition))) {
                throw TemplateReader.formatError("Unresolved dependencies [" + condition + "]. Cannot reference resources in the Conditions block of the template");
            }
        }
        for (Map<String, Object> output : outputs.values()) {
            for (String ref : references(output)) {
                if (!isName(ref)) {
                    unresolved.add(ref);
                }
            }
        }
        if (!unresolved.isEmpty()) {
            throw TemplateReader.formatError("Unresolved resource dependencies " + unresolved + " in the Resources block of the template");
        }
        order(resources.keySet());
    }

    private boolean isName(String ref) {
        return PSEUDO.contains(ref) || parameters.containsKey(ref) || resources.containsKey(ref);
    }

    /** The names a resource (or output) refers to, with its DependsOn. */
    static List<String> references(Map<String, Object> declaration) {
        List<String> out = new ArrayList<>();
        Intrinsics.references(declaration.get("Properties"), out);
        Intrinsics.references(declaration.get("Value"), out);
        Intrinsics.references(declaration.get("Export"), out);
        Object dependsOn = declaration.get("DependsOn");
        if (dependsOn instanceof List<?> list) {
            list.forEach(d -> out.add(String.valueOf(d)));
        } else if (dependsOn != null) {
            out.add(String.valueOf(dependsOn));
        }
        return out;
    }

    /** The resources among {@code logicalIds} that {@code logicalId} waits for. */
    Set<String> dependencies(String logicalId, Set<String> logicalIds) {
        Set<String> deps = new LinkedHashSet<>();
        for (String ref : references(resources.get(logicalId))) {
            if (logicalIds.contains(ref) && !ref.equals(logicalId)) {
                deps.add(ref);
            }
        }
        return deps;
    }

    /** {@code logicalIds} in creation order: dependencies first, otherwise as written. */
    List<String> order(Set<String> logicalIds) {
        List<String> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        while (ordered.size() < logicalIds.size()) {
            boolean progressed = false;
            for (String id : resources.keySet()) {
                if (logicalIds.contains(id) && !done.contains(id) && done.containsAll(dependencies(id, logicalIds))) {
                    ordered.add(id);
                    done.add(id);
                    progressed = true;
                }
            }
            if (!progressed) {
                Set<String> cycle = new TreeSet<>(logicalIds);
                cycle.removeAll(done);
                throw TemplateReader.formatError("Circular dependency between resources: " + cycle);
            }
        }
        return ordered;
    }

    String type(String logicalId) {
        return String.valueOf(resources.get(logicalId).get("Type"));
    }

    /** The capabilities this template needs, in CloudFormation's order. */
    List<String> capabilities() {
        boolean iam = false;
        boolean named = false;
        for (Map<String, Object> resource : resources.values()) {
            String nameProperty = IAM_NAMES.get(String.valueOf(resource.get("Type")));
            if (nameProperty != null) {
                iam = true;
                Object properties = resource.get("Properties");
                if (!nameProperty.isEmpty() && properties instanceof Map<?, ?> p && p.containsKey(nameProperty)) {
                    named = true;
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (named) {
            out.add("CAPABILITY_NAMED_IAM");
        } else if (iam) {
            out.add("CAPABILITY_IAM");
        }
        if (transform) {
            out.add("CAPABILITY_AUTO_EXPAND");
        }
        return out;
    }

    String capabilitiesReason() {
        List<String> iam = new ArrayList<>();
        resources.forEach((id, r) -> {
            if (IAM_NAMES.containsKey(String.valueOf(r.get("Type")))) {
                iam.add(id);
            }
        });
        return iam.isEmpty() ? (transform ? "The template contains macros." : null)
                : "The following resource(s) require capabilities: [" + String.join(", ", iam.stream()
                        .map(id -> type(id)).distinct().toList()) + "]";
    }

    private static Map<String, Object> sectionMaps(Map<String, Object> root, String section) {
        Object value = root.get(section);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        return asMap(value, section);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value, String where) {
        if (!(value instanceof Map<?, ?>)) {
            throw TemplateReader.formatError("[/" + where.replace('.', '/') + "] must be an object");
        }
        return (Map<String, Object>) value;
    }
}
