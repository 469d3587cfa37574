package io.jenkins.plugins.awsrollout.sim.elb;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Region;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.elasticloadbalancing.model.ConfigureHealthCheckRequest;
import software.amazon.awssdk.services.elasticloadbalancing.model.ConfigureHealthCheckResponse;
import software.amazon.awssdk.services.elasticloadbalancing.model.CreateLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancing.model.CreateLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancing.model.DeregisterInstancesFromLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancing.model.DeregisterInstancesFromLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancing.model.DescribeInstanceHealthRequest;
import software.amazon.awssdk.services.elasticloadbalancing.model.DescribeInstanceHealthResponse;
import software.amazon.awssdk.services.elasticloadbalancing.model.DescribeLoadBalancersRequest;
import software.amazon.awssdk.services.elasticloadbalancing.model.DescribeLoadBalancersResponse;
import software.amazon.awssdk.services.elasticloadbalancing.model.InstanceState;
import software.amazon.awssdk.services.elasticloadbalancing.model.ListenerDescription;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerDescription;
import software.amazon.awssdk.services.elasticloadbalancing.model.RegisterInstancesWithLoadBalancerRequest;
import software.amazon.awssdk.services.elasticloadbalancing.model.RegisterInstancesWithLoadBalancerResponse;
import software.amazon.awssdk.services.elasticloadbalancing.model.SourceSecurityGroup;

/** Classic ELB (2012-06-01): load balancers, instance registration and health. */
public final class ClassicElbActions {
    private final Cloud cloud;

    public ClassicElbActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private ElbRegion elb(RequestContext context) {
        return cloud.region(context).elb();
    }

    private static List<software.amazon.awssdk.services.elasticloadbalancing.model.Instance> instances(ClassicLoadBalancer lb) {
        return lb.registrations.values().stream().filter(r -> r.phase != Registration.Phase.DRAINING)
                .map(r -> software.amazon.awssdk.services.elasticloadbalancing.model.Instance.builder().instanceId(r.instanceId).build())
                .toList();
    }

    public CreateLoadBalancerResponse handle(CreateLoadBalancerRequest r, RequestContext context) {
        ClassicLoadBalancer lb = elb(context).createClassicLoadBalancer(r.loadBalancerName(), r.scheme());
        if (lb.listeners.isEmpty() && Pojos.present(r.listeners())) {
            lb.listeners.addAll(r.listeners());
        }
        if (Pojos.present(r.availabilityZones())) {
            lb.availabilityZones.addAll(r.availabilityZones());
        }
        if (Pojos.present(r.subnets())) {
            lb.subnets.addAll(r.subnets());
        }
        if (Pojos.present(r.securityGroups())) {
            lb.securityGroups.addAll(r.securityGroups());
        }
        return CreateLoadBalancerResponse.builder().dnsName(lb.dnsName).build();
    }

    public DescribeLoadBalancersResponse handle(DescribeLoadBalancersRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        List<ClassicLoadBalancer> selected = new ArrayList<>();
        if (Pojos.present(r.loadBalancerNames()) && !r.loadBalancerNames().isEmpty()) {
            r.loadBalancerNames().forEach(name -> selected.add(elb.classicLoadBalancer(name)));
        } else {
            selected.addAll(elb.classicLoadBalancers().values());
        }
        Paging<ClassicLoadBalancer> page = Paging.page(selected, r.pageSize(), r.marker(), 400,
                SimError.client("ValidationError", "Invalid Marker"));
        return DescribeLoadBalancersResponse.builder().loadBalancerDescriptions(page.items().stream().map(lb ->
                LoadBalancerDescription.builder()
                        .loadBalancerName(lb.name).dnsName(lb.dnsName).canonicalHostedZoneName(lb.dnsName)
                        .canonicalHostedZoneNameID("Z35SXDOTRQ7X7K")
                        .listenerDescriptions(lb.listeners.stream().map(l -> ListenerDescription.builder().listener(l)
                                .policyNames(List.of()).build()).toList())
                        .availabilityZones(lb.availabilityZones).subnets(lb.subnets).securityGroups(lb.securityGroups)
                        .vpcId(cloud.region(context).ec2().vpcId())
                        .instances(instances(lb)).healthCheck(lb.healthCheck)
                        .sourceSecurityGroup(SourceSecurityGroup.builder().ownerAlias(cloud.accountId()).groupName("default").build())
                        .createdTime(lb.createdAt).scheme(lb.scheme).build()).toList())
                .nextMarker(page.nextToken()).build();
    }

    public RegisterInstancesWithLoadBalancerResponse handle(RegisterInstancesWithLoadBalancerRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        Ec2Region ec2 = cloud.region(context).ec2();
        ClassicLoadBalancer lb = elb.classicLoadBalancer(r.loadBalancerName());
        for (var i : r.instances()) {
            Instance instance = ec2.instances().get(i.instanceId());
            if (instance == null || instance.terminatedOrGoing()) {
                throw SimError.client("InvalidInstance", "The requested instance " + i.instanceId() + " is not valid or not running.");
            }
        }
        for (var i : r.instances()) {
            elb.register(lb, ec2.instances().get(i.instanceId()), 80);
        }
        return RegisterInstancesWithLoadBalancerResponse.builder().instances(instances(lb)).build();
    }

    public DeregisterInstancesFromLoadBalancerResponse handle(DeregisterInstancesFromLoadBalancerRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        ClassicLoadBalancer lb = elb.classicLoadBalancer(r.loadBalancerName());
        for (var i : r.instances()) {
            if (!lb.registrations.containsKey(i.instanceId())) {
                throw SimError.client("InvalidInstance", "The requested instance " + i.instanceId() + " is not registered with the load balancer.");
            }
        }
        for (var i : r.instances()) {
            elb.deregister(lb, i.instanceId());
        }
        return DeregisterInstancesFromLoadBalancerResponse.builder().instances(instances(lb)).build();
    }

    public DescribeInstanceHealthResponse handle(DescribeInstanceHealthRequest r, RequestContext context) {
        ElbRegion elb = elb(context);
        Ec2Region ec2 = cloud.region(context).ec2();
        ClassicLoadBalancer lb = elb.classicLoadBalancer(r.loadBalancerName());
        List<String> ids = new ArrayList<>();
        if (Pojos.present(r.instances()) && !r.instances().isEmpty()) {
            for (var i : r.instances()) {
                Instance instance = ec2.instances().get(i.instanceId());
                if (instance == null) {
                    throw SimError.client("InvalidInstance", "Could not find EC2 instance " + i.instanceId() + ".");
                }
                ids.add(i.instanceId());
            }
        } else {
            lb.registrations.values().stream().filter(reg -> reg.phase != Registration.Phase.DRAINING)
                    .forEach(reg -> ids.add(reg.instanceId));
        }
        List<InstanceState> states = new ArrayList<>();
        for (String id : ids) {
            ElbRegion.TargetState state = elb.classicState(lb, id);
            states.add(InstanceState.builder().instanceId(id).state(state.state()).reasonCode(state.reason())
                    .description(state.description()).build());
        }
        return DescribeInstanceHealthResponse.builder().instanceStates(states).build();
    }

    public ConfigureHealthCheckResponse handle(ConfigureHealthCheckRequest r, RequestContext context) {
        ClassicLoadBalancer lb = elb(context).classicLoadBalancer(r.loadBalancerName());
        lb.healthCheck = r.healthCheck();
        return ConfigureHealthCheckResponse.builder().healthCheck(lb.healthCheck).build();
    }
}
