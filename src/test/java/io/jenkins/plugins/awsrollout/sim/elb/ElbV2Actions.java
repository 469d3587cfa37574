package io.jenkins.plugins.awsrollout.sim.elb;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Region;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.AvailabilityZone;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateListenerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.CreateTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeleteTargetGroupResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DeregisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetGroupsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeTargetHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancer;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.LoadBalancerState;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Matcher;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.ModifyTargetGroupAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsRequest;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.RegisterTargetsResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetDescription;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroupAttribute;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealth;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/** ELBv2 (2015-12-01): target groups, registration, target health, load balancers, listeners. */
public final class ElbV2Actions {
    private final Cloud cloud;

    public ElbV2Actions(Cloud cloud) {
        this.cloud = cloud;
    }

    private ElbRegion elb(RequestContext context) {
        return cloud.region(context).elb();
    }

    static software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup view(TargetGroup tg) {
        return software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetGroup.builder()
                .targetGroupArn(tg.arn).targetGroupName(tg.name).protocol(tg.protocol).port(tg.port).vpcId(tg.vpcId)
                .healthCheckProtocol(tg.protocol).healthCheckPort("traffic-port").healthCheckEnabled(true)
                .healthCheckIntervalSeconds(30).healthCheckTimeoutSeconds(5).healthyThresholdCount(5).unhealthyThresholdCount(2)
                .healthCheckPath(tg.healthCheckPath).matcher(Matcher.builder().httpCode("200").build())
                .loadBalancerArns(tg.loadBalancerArns).targetType(tg.targetType).protocolVersion("HTTP1").ipAddressType("ipv4")
                .build();
    }

    public CreateTargetGroupResponse handle(CreateTargetGroupRequest r, RequestContext context) {
        boolean existed = elb(context).targetGroups().values().stream().anyMatch(t -> t.name.equals(r.name()));
        TargetGroup tg = elb(context).createTargetGroup(r.name(), r.protocolAsString() == null ? "HTTP" : r.protocolAsString(),
                r.port() == null ? 80 : r.port(), r.vpcId(), r.healthCheckPath());
        String type = r.targetTypeAsString() == null ? "instance" : r.targetTypeAsString();
        if (!type.equals("instance") && !type.equals("ip")) {
            throw SimError.client("ValidationError", "Target type '" + type + "' is not supported by this simulator; use instance or ip");
        }
        if (!existed) {
            tg.targetType = type;
        } else if (!tg.targetType.equals(type)) {
            throw SimError.client("DuplicateTargetGroupName", "A target group with the same name '" + r.name() + "' exists, but with different settings");
        }
        if (Pojos.present(r.tags())) {
            r.tags().forEach(t -> tg.tags.put(t.key(), t.value() == null ? "" : t.value()));
        }
        return CreateTargetGroupResponse.builder().targetGroups(view(tg)).build();
    }

    public DescribeTargetGroupsResponse handle(DescribeTargetGroupsRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        List<TargetGroup> selected = new ArrayList<>();
        if (Pojos.present(r.targetGroupArns()) && !r.targetGroupArns().isEmpty()) {
            r.targetGroupArns().forEach(arn -> selected.add(elb.targetGroup(arn)));
        } else if (Pojos.present(r.names()) && !r.names().isEmpty()) {
            r.names().forEach(name -> selected.add(elb.targetGroupByName(name)));
        } else {
            selected.addAll(elb.targetGroups().values());
        }
        if (r.loadBalancerArn() != null) {
            elb.loadBalancer(r.loadBalancerArn());
            selected.removeIf(tg -> !tg.loadBalancerArns.contains(r.loadBalancerArn()));
        }
        Paging<TargetGroup> page = Paging.page(selected, r.pageSize(), r.marker(), 400,
                SimError.client("ValidationError", "Invalid Marker"));
        return DescribeTargetGroupsResponse.builder().targetGroups(page.items().stream().map(ElbV2Actions::view).toList())
                .nextMarker(page.nextToken()).build();
    }

    public DeleteTargetGroupResponse handle(DeleteTargetGroupRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        TargetGroup tg = elb.targetGroups().get(r.targetGroupArn());
        if (tg != null) {
            if (tg.inUse()) {
                throw SimError.client("ResourceInUse", "Target group '" + tg.arn + "' is currently in use by a listener or a rule");
            }
            elb.targetGroups().remove(tg.arn);
        }
        return DeleteTargetGroupResponse.builder().build();
    }

    public DescribeTargetGroupAttributesResponse handle(DescribeTargetGroupAttributesRequest r, RequestContext context) {
        TargetGroup tg = elb(context).targetGroup(r.targetGroupArn());
        return DescribeTargetGroupAttributesResponse.builder().attributes(tg.attributes.entrySet().stream()
                .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }

    public ModifyTargetGroupAttributesResponse handle(ModifyTargetGroupAttributesRequest r, RequestContext context) {
        TargetGroup tg = elb(context).targetGroup(r.targetGroupArn());
        for (TargetGroupAttribute a : r.attributes()) {
            if (a.key().equals("deregistration_delay.timeout_seconds")) {
                int seconds;
                try {
                    seconds = Integer.parseInt(a.value());
                } catch (NumberFormatException e) {
                    seconds = -1;
                }
                if (seconds < 0 || seconds > 3600) {
                    throw SimError.client("ValidationError",
                            "'" + a.value() + "' must be an integer between 0 and 3600 for 'deregistration_delay.timeout_seconds'");
                }
            }
            tg.attributes.put(a.key(), a.value());
        }
        return ModifyTargetGroupAttributesResponse.builder().attributes(tg.attributes.entrySet().stream()
                .map(e -> TargetGroupAttribute.builder().key(e.getKey()).value(e.getValue()).build()).toList()).build();
    }

    public RegisterTargetsResponse handle(RegisterTargetsRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        Ec2Region ec2 = cloud.region(context).ec2();
        TargetGroup tg = elb.targetGroup(r.targetGroupArn());
        if (tg.targetType.equals("ip")) {
            return registerIps(elb, ec2, tg, r.targets());
        }
        List<String> invalid = new ArrayList<>();
        List<String> notRunning = new ArrayList<>();
        for (TargetDescription t : r.targets()) {
            Instance instance = ec2.instances().get(t.id());
            if (instance == null || instance.state().equals("terminated")) {
                invalid.add("'" + t.id() + "'");
            } else if (!instance.running() && !instance.state().equals("pending")) {
                notRunning.add("'" + t.id() + "'");
            }
        }
        if (!invalid.isEmpty()) {
            throw SimError.client("InvalidTarget", "The following targets are not valid instances: " + String.join(", ", invalid));
        }
        if (!notRunning.isEmpty()) {
            throw SimError.client("InvalidTarget",
                    "The following targets are not in a running state and cannot be registered: " + String.join(", ", notRunning));
        }
        for (TargetDescription t : r.targets()) {
            elb.register(tg, ec2.instances().get(t.id()), t.port() == null ? tg.port : t.port());
        }
        return RegisterTargetsResponse.builder().build();
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    /** IP targets: each address must be an instance's private address in the region (this simulator has no other hosts). */
    private RegisterTargetsResponse registerIps(ElbRegion elb, Ec2Region ec2, TargetGroup tg, List<TargetDescription> targets) {
        List<Instance> holders = new ArrayList<>();
        for (TargetDescription t : targets) {
            if (!IPV4.matcher(t.id()).matches()) {
                throw SimError.client("ValidationError", "The IP address '" + t.id() + "' is not a valid IPv4 address");
            }
            Instance holder = ec2.instances().values().stream()
                    .filter(i -> t.id().equals(i.privateIp()) && !i.state().equals("terminated")).findFirst().orElse(null);
            if (holder == null) {
                throw SimError.client("InvalidTarget", "The IP address '" + t.id()
                        + "' is not within the CIDR of the target group's VPC or of a peered VPC");
            }
            holders.add(holder);
        }
        for (int n = 0; n < targets.size(); n++) {
            TargetDescription t = targets.get(n);
            tg.ipByInstance.put(holders.get(n).id(), t.id());
            elb.register(tg, holders.get(n), t.port() == null ? tg.port : t.port());
        }
        return RegisterTargetsResponse.builder().build();
    }

    /** The instance id behind a target id: IP targets map to the instance that holds the address. */
    private static String instanceId(TargetGroup tg, String targetId) {
        for (var e : tg.ipByInstance.entrySet()) {
            if (e.getValue().equals(targetId)) {
                return e.getKey();
            }
        }
        return targetId;
    }

    public DeregisterTargetsResponse handle(DeregisterTargetsRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        TargetGroup tg = elb.targetGroup(r.targetGroupArn());
        for (TargetDescription t : r.targets()) {
            elb.deregister(tg, instanceId(tg, t.id()));
        }
        return DeregisterTargetsResponse.builder().build();
    }

    public DescribeTargetHealthResponse handle(DescribeTargetHealthRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        TargetGroup tg = elb.targetGroup(r.targetGroupArn());
        List<TargetHealthDescription> descriptions = new ArrayList<>();
        Collection<String> ids = Pojos.present(r.targets()) && !r.targets().isEmpty()
                ? r.targets().stream().map(t -> instanceId(tg, t.id())).toList()
                : List.copyOf(tg.registrations.keySet());
        for (String id : ids) {
            Registration registration = tg.registrations.get(id);
            ElbRegion.TargetState state = elb.targetState(tg, id);
            int port = registration != null ? registration.port : tg.port;
            TargetDescription.Builder target = TargetDescription.builder().id(tg.targetId(id)).port(port);
            if (registration != null && registration.availabilityZone != null) {
                target.availabilityZone(registration.availabilityZone);
            }
            descriptions.add(TargetHealthDescription.builder()
                    .target(target.build())
                    .healthCheckPort(Integer.toString(port))
                    .targetHealth(TargetHealth.builder().state(state.state()).reason(state.reason()).description(state.description()).build())
                    .build());
        }
        return DescribeTargetHealthResponse.builder().targetHealthDescriptions(descriptions).build();
    }

    static LoadBalancer view(LoadBalancerV2 lb) {
        return LoadBalancer.builder().loadBalancerArn(lb.arn).loadBalancerName(lb.name).dnsName(lb.dnsName)
                .canonicalHostedZoneId("Z35SXDOTRQ7X7K").createdTime(lb.createdAt).scheme(lb.scheme).vpcId(lb.vpcId)
                .state(LoadBalancerState.builder().code("active").build()).type(lb.type).ipAddressType("ipv4")
                .securityGroups(lb.securityGroups)
                .availabilityZones(lb.subnets.stream().map(s -> AvailabilityZone.builder().subnetId(s).build()).toList())
                .build();
    }

    public CreateLoadBalancerResponse handle(CreateLoadBalancerRequest r, RequestContext context) {
        LoadBalancerV2 lb = elb(context).createLoadBalancer(r.name(), r.typeAsString(), r.schemeAsString());
        if (Pojos.present(r.securityGroups())) {
            lb.securityGroups.clear();
            lb.securityGroups.addAll(r.securityGroups());
        }
        if (Pojos.present(r.subnets()) && !r.subnets().isEmpty()) {
            lb.subnets.clear();
            lb.subnets.addAll(r.subnets());
        }
        return CreateLoadBalancerResponse.builder().loadBalancers(view(lb)).build();
    }

    public DescribeLoadBalancersResponse handle(DescribeLoadBalancersRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        List<LoadBalancerV2> selected = new ArrayList<>();
        if (Pojos.present(r.loadBalancerArns()) && !r.loadBalancerArns().isEmpty()) {
            r.loadBalancerArns().forEach(arn -> selected.add(elb.loadBalancer(arn)));
        } else if (Pojos.present(r.names()) && !r.names().isEmpty()) {
            for (String name : r.names()) {
                selected.add(elb.loadBalancers().values().stream().filter(lb -> lb.name.equals(name)).findFirst()
                        .orElseThrow(() -> SimError.client("LoadBalancerNotFound", "Load balancers '[" + name + "]' not found")));
            }
        } else {
            selected.addAll(elb.loadBalancers().values());
        }
        Paging<LoadBalancerV2> page = Paging.page(selected, r.pageSize(), r.marker(), 400,
                SimError.client("ValidationError", "Invalid Marker"));
        return DescribeLoadBalancersResponse.builder().loadBalancers(page.items().stream().map(ElbV2Actions::view).toList())
                .nextMarker(page.nextToken()).build();
    }

    private static Listener view(LoadBalancerV2 lb, LoadBalancerV2.Listener l) {
        return Listener.builder().listenerArn(l.arn()).loadBalancerArn(lb.arn).protocol(l.protocol()).port(l.port())
                .defaultActions(l.targetGroupArn() == null ? List.of()
                        : List.of(Action.builder().type("forward").targetGroupArn(l.targetGroupArn()).order(1).build()))
                .build();
    }

    public CreateListenerResponse handle(CreateListenerRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        LoadBalancerV2 lb = elb.loadBalancer(r.loadBalancerArn());
        String targetGroupArn = null;
        if (Pojos.present(r.defaultActions())) {
            for (Action action : r.defaultActions()) {
                if (action.targetGroupArn() != null) {
                    targetGroupArn = action.targetGroupArn();
                } else if (action.forwardConfig() != null && Pojos.present(action.forwardConfig().targetGroups())
                        && !action.forwardConfig().targetGroups().isEmpty()) {
                    targetGroupArn = action.forwardConfig().targetGroups().get(0).targetGroupArn();
                }
            }
        }
        LoadBalancerV2.Listener listener = elb.createListener(lb, r.protocolAsString() == null ? "HTTP" : r.protocolAsString(),
                r.port() == null ? 80 : r.port(), targetGroupArn);
        return CreateListenerResponse.builder().listeners(view(lb, listener)).build();
    }

    public DescribeListenersResponse handle(DescribeListenersRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        List<Listener> listeners = new ArrayList<>();
        for (LoadBalancerV2 lb : elb.loadBalancers().values()) {
            if (r.loadBalancerArn() != null && !lb.arn.equals(r.loadBalancerArn())) {
                continue;
            }
            for (LoadBalancerV2.Listener l : lb.listeners) {
                if (!Pojos.present(r.listenerArns()) || r.listenerArns().isEmpty() || r.listenerArns().contains(l.arn())) {
                    listeners.add(view(lb, l));
                }
            }
        }
        return DescribeListenersResponse.builder().listeners(listeners).build();
    }
}
