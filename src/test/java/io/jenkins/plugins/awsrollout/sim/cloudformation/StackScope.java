package io.jenkins.plugins.awsrollout.sim.cloudformation;

import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What names mean inside one stack's template: its parameters, pseudo parameters, conditions, mappings, exports and
 * resources. While a change set is computed, resources that do not exist yet (or will be replaced) read as
 * {@code {{LogicalId}}} placeholders, so a property that depends on them shows as a dynamic change.
 */
final class StackScope implements Intrinsics.Scope {
    static final String PLACEHOLDER = "{{";

    private final Template template;
    private final Map<String, Object> parameters;
    private final Stack stack;
    private final CloudFormationRegion region;
    private final Set<String> pending;
    private final Map<String, Boolean> conditions = new HashMap<>();

    /** @param pending resources whose Ref and attributes are not known (placeholders) */
    StackScope(Template template, Map<String, Object> parameters, Stack stack, CloudFormationRegion region, Set<String> pending) {
        this.template = template;
        this.parameters = parameters;
        this.stack = stack;
        this.region = region;
        this.pending = pending;
    }

    @Override
    public Object parameter(String name) {
        return switch (name) {
            case "AWS::StackName" -> stack.name;
            case "AWS::StackId" -> stack.id;
            case "AWS::Region" -> region.name();
            case "AWS::AccountId" -> region.accountId();
            case "AWS::Partition" -> "aws";
            case "AWS::URLSuffix" -> "amazonaws.com";
            case "AWS::NotificationARNs" -> List.copyOf(stack.notificationArns);
            default -> parameters.get(name);
        };
    }

    @Override
    public boolean condition(String name) {
        Boolean known = conditions.get(name);
        if (known != null) {
            return known;
        }
        Object declaration = template.conditions.get(name);
        if (declaration == null) {
            throw TemplateReader.formatError("Unresolved condition dependency " + name + " in Fn::If");
        }
        boolean value = Intrinsics.truth(declaration, this);
        conditions.put(name, value);
        return value;
    }

    /** Whether a resource or output with this declaration exists under the template's conditions. */
    boolean included(Map<String, Object> declaration) {
        Object condition = declaration.get("Condition");
        return condition == null || condition(String.valueOf(condition));
    }

    @Override
    public Object resource(String logicalId) {
        LiveResource live = stack.resources.get(logicalId);
        if (pending.contains(logicalId) || live == null || live.physicalId == null) {
            if (!template.resources.containsKey(logicalId)) {
                throw TemplateReader.formatError("Unresolved resource dependencies [" + logicalId + "] in the Resources block of the template");
            }
            return PLACEHOLDER + logicalId + "}}";
        }
        return live.physicalId;
    }

    @Override
    public Object attribute(String logicalId, String attribute) {
        LiveResource live = stack.resources.get(logicalId);
        if (pending.contains(logicalId) || live == null || live.physicalId == null) {
            return PLACEHOLDER + logicalId + "." + attribute + "}}";
        }
        Object value = live.attributes.get(attribute);
        if (value == null) {
            value = ResourceTypes.genericAttribute(live, attribute, region);
        }
        return value;
    }

    @Override
    public String importValue(String exportName) {
        String value = region.exportValue(exportName);
        if (value == null) {
            throw SimError.client("ValidationError", "No export named " + exportName + " found.");
        }
        return value;
    }

    @Override
    public Object mapping(String map, String key, String second) {
        Object top = template.mappings.get(map);
        Object level = top instanceof Map<?, ?> m ? m.get(key) : null;
        Object value = level instanceof Map<?, ?> m ? m.get(second) : null;
        if (value == null) {
            throw TemplateReader.formatError("Unable to get mapping for " + map + "::" + key + "::" + second);
        }
        return value instanceof List<?> ? value : Intrinsics.text(value);
    }

    @Override
    public List<String> availabilityZones() {
        return region.availabilityZones();
    }

    /** The resource's properties with every function evaluated. */
    @SuppressWarnings("unchecked")
    Map<String, Object> properties(String logicalId) {
        Object properties = template.resources.get(logicalId).get("Properties");
        Object value = properties == null ? Map.of() : Intrinsics.eval(properties, this);
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static boolean dynamic(Object value) {
        return Intrinsics.text(value).contains(PLACEHOLDER) || value instanceof Map<?, ?> m && String.valueOf(m).contains(PLACEHOLDER);
    }
}
