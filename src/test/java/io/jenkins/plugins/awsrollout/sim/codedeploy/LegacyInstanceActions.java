package io.jenkins.plugins.awsrollout.sim.codedeploy;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallLocation;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.LocationTrait;
import software.amazon.awssdk.utils.builder.Buildable;

/**
 * ListDeploymentInstances, BatchGetDeploymentInstances and GetDeploymentInstance, the deprecated forms of
 * ListDeploymentTargets/BatchGetDeploymentTargets/GetDeploymentTarget. AWS SDK for Java v2 no longer has them, but the
 * AWS CLI and boto3 still call them; the shapes below are the botocore model's, written by hand.
 */
public final class LegacyInstanceActions {
    static final int MAX_INSTANCES = 100;

    private final Cloud cloud;

    LegacyInstanceActions(Cloud cloud) {
        this.cloud = cloud;
    }

    public ListDeploymentInstancesResponse listDeploymentInstances(ListDeploymentInstancesRequest request, RequestContext context) {
        Deployment d = CodeDeployRegion.of(cloud.region(context)).deployment(request.string("deploymentId"));
        if (!d.started()) {
            throw SimError.client("DeploymentNotStartedException", "The deployment " + d.id + " has not started.");
        }
        List<String> statuses = request.strings("instanceStatusFilter");
        List<String> types = request.strings("instanceTypeFilter");
        List<String> ids = new ArrayList<>();
        for (DeploymentTarget t : d.targets.values()) {
            if ((statuses.isEmpty() || statuses.contains(t.status)) && (types.isEmpty() || types.contains(t.label))) {
                ids.add(t.instanceId);
            }
        }
        Paging<String> page = Paging.page(ids, null, request.string("nextToken"), 100, ApplicationActions.invalidToken());
        ListDeploymentInstancesResponse response = new ListDeploymentInstancesResponse();
        response.values.put("instancesList", page.items());
        response.values.put("nextToken", page.nextToken());
        return response;
    }

    public GetDeploymentInstanceResponse getDeploymentInstance(GetDeploymentInstanceRequest request, RequestContext context) {
        String instanceId = request.string("instanceId");
        if (instanceId == null || instanceId.isEmpty()) {
            throw SimError.client("InstanceIdRequiredException", "The instance ID was not specified.");
        }
        Deployment d = CodeDeployRegion.of(cloud.region(context)).deployment(request.string("deploymentId"));
        DeploymentTarget t = d.targets.get(instanceId);
        if (t == null) {
            throw SimError.client("InstanceDoesNotExistException", "The specified instance does not exist in the deployment group.");
        }
        GetDeploymentInstanceResponse response = new GetDeploymentInstanceResponse();
        response.values.put("instanceSummary", summary(d, t));
        return response;
    }

    private static InstanceSummary summary(Deployment d, DeploymentTarget t) {
        InstanceSummary summary = new InstanceSummary();
        summary.values.put("deploymentId", d.id);
        summary.values.put("instanceId", t.instanceId);
        summary.values.put("status", t.status);
        summary.values.put("lastUpdatedAt", t.lastUpdatedAt);
        summary.values.put("lifecycleEvents", List.copyOf(CodeDeployViews.events(t)));
        summary.values.put("instanceType", t.label);
        return summary;
    }

    public BatchGetDeploymentInstancesResponse batchGetDeploymentInstances(BatchGetDeploymentInstancesRequest request,
            RequestContext context) {
        List<String> ids = request.strings("instanceIds");
        if (ids.isEmpty()) {
            throw SimError.client("InstanceIdRequiredException", "The instance ID was not specified.");
        }
        if (ids.size() > MAX_INSTANCES) {
            throw SimError.client("BatchLimitExceededException", "The maximum number of instance IDs in a batch is " + MAX_INSTANCES + ".");
        }
        Deployment d = CodeDeployRegion.of(cloud.region(context)).deployment(request.string("deploymentId"));
        List<Object> summaries = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String id : ids) {
            DeploymentTarget t = d.targets.get(id);
            if (t == null) {
                missing.add(id);
                continue;
            }
            summaries.add(summary(d, t));
        }
        BatchGetDeploymentInstancesResponse response = new BatchGetDeploymentInstancesResponse();
        response.values.put("instancesSummary", summaries);
        if (!missing.isEmpty()) {
            response.values.put("errorMessage", "Instances not found in deployment " + d.id + ": " + String.join(", ", missing));
        }
        return response;
    }

    // ---- hand-written shapes: values by JSON member name ----

    /** A shape backed by a map from member name to value; it is its own builder. */
    abstract static class Shape implements SdkPojo, Buildable {
        final Map<String, Object> values = new HashMap<>();

        @Override
        public Object build() {
            return this;
        }

        String string(String name) {
            return (String) values.get(name);
        }

        @SuppressWarnings("unchecked")
        List<String> strings(String name) {
            Object value = values.get(name);
            return value == null ? List.of() : (List<String>) value;
        }

        @SuppressWarnings("unchecked")
        static SdkField<Object> field(MarshallingType<?> type, String name, software.amazon.awssdk.core.traits.Trait... more) {
            List<software.amazon.awssdk.core.traits.Trait> traits = new ArrayList<>(List.of(more));
            traits.add(LocationTrait.builder().location(MarshallLocation.PAYLOAD).locationName(name).unmarshallLocationName(name).build());
            return SdkField.builder((MarshallingType<Object>) type).memberName(name).getter(o -> ((Shape) o).values.get(name))
                    .setter((o, v) -> ((Shape) o).values.put(name, v))
                    .traits(traits.toArray(new software.amazon.awssdk.core.traits.Trait[0])).build();
        }

        static SdkField<Object> list(String name, SdkField<?> member) {
            return field(MarshallingType.LIST, name, ListTrait.builder().memberLocationName("member").memberFieldInfo(member).build());
        }

        static SdkField<Object> stringList(String name) {
            return list(name, field(MarshallingType.STRING, "member"));
        }
    }

    public static final class ListDeploymentInstancesRequest extends Shape {
        private static final List<SdkField<?>> FIELDS = List.of(field(MarshallingType.STRING, "deploymentId"),
                field(MarshallingType.STRING, "nextToken"), stringList("instanceStatusFilter"), stringList("instanceTypeFilter"));

        public static ListDeploymentInstancesRequest builder() {
            return new ListDeploymentInstancesRequest();
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }

    public static final class ListDeploymentInstancesResponse extends Shape {
        private static final List<SdkField<?>> FIELDS = List.of(stringList("instancesList"), field(MarshallingType.STRING, "nextToken"));

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }

    public static final class GetDeploymentInstanceRequest extends Shape {
        private static final List<SdkField<?>> FIELDS = List.of(field(MarshallingType.STRING, "deploymentId"),
                field(MarshallingType.STRING, "instanceId"));

        public static GetDeploymentInstanceRequest builder() {
            return new GetDeploymentInstanceRequest();
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }

    public static final class GetDeploymentInstanceResponse extends Shape {
        private static final List<SdkField<?>> FIELDS = List.of(field(MarshallingType.SDK_POJO, "instanceSummary"));

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }

    public static final class BatchGetDeploymentInstancesRequest extends Shape {
        private static final List<SdkField<?>> FIELDS = List.of(field(MarshallingType.STRING, "deploymentId"), stringList("instanceIds"));

        public static BatchGetDeploymentInstancesRequest builder() {
            return new BatchGetDeploymentInstancesRequest();
        }

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }

    public static final class BatchGetDeploymentInstancesResponse extends Shape {
        private static final List<SdkField<?>> FIELDS = List.of(list("instancesSummary", field(MarshallingType.SDK_POJO, "member")),
                field(MarshallingType.STRING, "errorMessage"));

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }

    /** {@code InstanceSummary}: deploymentId, instanceId, status, lastUpdatedAt, lifecycleEvents, instanceType. */
    public static final class InstanceSummary extends Shape {
        private static final List<SdkField<?>> FIELDS = List.of(field(MarshallingType.STRING, "deploymentId"),
                field(MarshallingType.STRING, "instanceId"), field(MarshallingType.STRING, "status"),
                field(MarshallingType.INSTANT, "lastUpdatedAt"), list("lifecycleEvents", field(MarshallingType.SDK_POJO, "member")),
                field(MarshallingType.STRING, "instanceType"));

        @Override
        public List<SdkField<?>> sdkFields() {
            return FIELDS;
        }
    }
}
