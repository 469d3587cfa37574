package io.jenkins.plugins.awsrollout.sim.cloudformation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ResourceChange;
import software.amazon.awssdk.services.cloudformation.model.ResourceChangeDetail;
import software.amazon.awssdk.services.cloudformation.model.ResourceTargetDefinition;

/**
 * A change set's changes: each resource the new template adds, modifies (with the properties that change and whether
 * they recreate it) or removes, against the stack as it stands. Properties that depend on a resource being added or
 * replaced are dynamic: their new value is known only when the change set runs.
 */
final class Changes {
    private Changes() {}

    static List<Change> compute(Stack stack, Template template, Map<String, Object> parameters, CloudFormationRegion region) {
        StackScope conditions = new StackScope(template, parameters, stack, region, Set.of());
        Set<String> included = new LinkedHashSet<>();
        template.resources.forEach((id, d) -> {
            if (conditions.included(d)) {
                included.add(id);
            }
        });
        Set<String> pending = new LinkedHashSet<>();
        for (String id : included) {
            if (!stack.resources.containsKey(id)) {
                pending.add(id);
            }
        }
        // Replacements make their dependents' references dynamic: widen until nothing new is replaced.
        Map<String, Map<String, Object>> properties = new LinkedHashMap<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            StackScope scope = new StackScope(template, parameters, stack, region, pending);
            for (String id : template.order(included)) {
                properties.put(id, scope.properties(id));
                LiveResource live = stack.resources.get(id);
                if (live != null && !pending.contains(id) && replaces(live, template.type(id), properties.get(id))) {
                    pending.add(id);
                    grew = true;
                }
            }
        }
        List<Change> changes = new ArrayList<>();
        for (String id : template.order(included)) {
            LiveResource live = stack.resources.get(id);
            String type = template.type(id);
            if (live == null) {
                changes.add(change(ResourceChange.builder().action("Add").logicalResourceId(id).resourceType(type)
                        .scopeWithStrings(List.of()).details(List.of()).build()));
                continue;
            }
            Map<String, Object> after = properties.get(id);
            List<String> names = changed(live.properties, after);
            if (names.isEmpty() && type.equals(live.type)) {
                continue;
            }
            List<ResourceChangeDetail> details = new ArrayList<>();
            String replacement = type.equals(live.type) ? "False" : "True";
            for (String name : names) {
                boolean dynamic = StackScope.dynamic(after.get(name));
                String recreation = ResourceTypes.recreation(type, name);
                if (recreation.equals("Always")) {
                    replacement = dynamic ? max(replacement, "Conditional") : "True";
                } else if (recreation.equals("Conditionally")) {
                    replacement = max(replacement, "Conditional");
                }
                details.add(ResourceChangeDetail.builder()
                        .target(ResourceTargetDefinition.builder().attribute(name.equals("Tags") ? "Tags" : "Properties")
                                .name(name).requiresRecreation(recreation).build())
                        .evaluation(dynamic ? "Dynamic" : "Static")
                        .changeSource(dynamic ? "ResourceReference" : "DirectModification")
                        .build());
            }
            Set<String> scopes = new TreeSet<>();
            names.forEach(n -> scopes.add(n.equals("Tags") ? "Tags" : "Properties"));
            changes.add(change(ResourceChange.builder().action("Modify").logicalResourceId(id).physicalResourceId(live.physicalId)
                    .resourceType(type).replacement(replacement).scopeWithStrings(scopes).details(details).build()));
        }
        for (LiveResource live : stack.resources.values()) {
            if (!included.contains(live.logicalId)) {
                changes.add(change(ResourceChange.builder().action("Remove").logicalResourceId(live.logicalId)
                        .physicalResourceId(live.physicalId).resourceType(live.type).scopeWithStrings(List.of()).details(List.of()).build()));
            }
        }
        return changes;
    }

    private static String max(String a, String b) {
        List<String> rank = List.of("False", "Conditional", "True");
        return rank.indexOf(a) >= rank.indexOf(b) ? a : b;
    }

    /** Whether the change surely replaces the resource (a dynamic value may turn out the same). */
    private static boolean replaces(LiveResource live, String type, Map<String, Object> after) {
        return !type.equals(live.type) || changed(live.properties, after).stream().anyMatch(p ->
                ResourceTypes.recreation(type, p).equals("Always") && !StackScope.dynamic(after.get(p)));
    }

    private static Change change(ResourceChange resourceChange) {
        return Change.builder().type("Resource").resourceChange(resourceChange).build();
    }

    /** The top-level properties whose values differ (numbers and text compare as text, as CloudFormation does). */
    static List<String> changed(Map<String, Object> before, Map<String, Object> after) {
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        List<String> out = new ArrayList<>();
        for (String name : names) {
            if (!Objects.equals(normal(before.get(name)), normal(after.get(name)))) {
                out.add(name);
            }
        }
        return out;
    }

    private static Object normal(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normal(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Changes::normal).toList();
        }
        return value == null ? null : String.valueOf(value);
    }
}
