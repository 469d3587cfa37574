package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Paging;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceStatusResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputRequest;
import software.amazon.awssdk.services.ec2.model.GetConsoleOutputResponse;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.InstanceStatus;
import software.amazon.awssdk.services.ec2.model.InstanceStatusDetails;
import software.amazon.awssdk.services.ec2.model.InstanceStatusSummary;
import software.amazon.awssdk.services.ec2.model.RebootInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RebootInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StartInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StartInstancesResponse;
import software.amazon.awssdk.services.ec2.model.StopInstancesRequest;
import software.amazon.awssdk.services.ec2.model.StopInstancesResponse;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesRequest;
import software.amazon.awssdk.services.ec2.model.TerminateInstancesResponse;

/** EC2 instance calls: run, describe, status, stop, start, terminate, reboot, console output. */
public final class Ec2InstanceActions {
    private final Cloud cloud;

    public Ec2InstanceActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private Ec2Region ec2(RequestContext context) {
        return cloud.region(context).ec2();
    }

    public RunInstancesResponse handle(RunInstancesRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        List<Instance> previous = ec2.instancesForToken(r.clientToken());
        List<Instance> instances;
        if (previous != null) {
            instances = previous;
        } else {
            if (r.minCount() < 1 || r.maxCount() < r.minCount()) {
                throw SimError.client("InvalidParameterValue", "Invalid value for MinCount/MaxCount");
            }
            LaunchSpecs specs = new LaunchSpecs(ec2, cloud.accountId());
            if (r.launchTemplate() != null) {
                LaunchTemplate template = ec2.launchTemplate(r.launchTemplate().launchTemplateId(), r.launchTemplate().launchTemplateName());
                specs.template(template, ec2.launchTemplateVersion(template, r.launchTemplate().version()));
            }
            LaunchSpec spec = specs.request(r).build();
            ec2.validate(spec);
            if (cloud.faults().takeLaunchFailure()) {
                throw new SimError(500, "InsufficientInstanceCapacity", "We currently do not have sufficient "
                        + spec.instanceType() + " capacity in the Availability Zone you requested. Our system will be working on "
                        + "provisioning additional capacity.");
            }
            instances = ec2.launch(spec, r.maxCount());
        }
        Instance first = instances.get(0);
        return RunInstancesResponse.builder()
                .reservationId(first.reservationId)
                .ownerId(cloud.accountId())
                .groups(List.of())
                .instances(instances.stream().map(i -> Ec2Views.instance(ec2, i)).toList())
                .build();
    }

    public DescribeInstancesResponse handle(DescribeInstancesRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        boolean byId = Pojos.present(r.instanceIds()) && !r.instanceIds().isEmpty();
        if (byId && r.maxResults() != null) {
            throw SimError.client("InvalidParameterCombination",
                    "The parameter instancesSet cannot be used with the parameter maxResults");
        }
        if (r.maxResults() != null && (r.maxResults() < 5 || r.maxResults() > 1000)) {
            throw SimError.client("InvalidParameterValue",
                    "Value ( " + r.maxResults() + " ) for parameter maxResults is invalid. Expecting a value between 5 and 1000.");
        }
        List<Instance> selected = new ArrayList<>();
        Collection<Instance> candidates = byId ? r.instanceIds().stream().map(ec2::instance).toList() : ec2.instances().values();
        for (Instance i : candidates) {
            if (Ec2Filters.matches(r.filters(), i.tags, name -> attribute(i, name))) {
                selected.add(i);
            }
        }
        Paging<Instance> page = Paging.page(selected, r.maxResults(), r.nextToken(), 1000,
                SimError.client("InvalidParameterValue", "Invalid value for nextToken"));
        Map<String, List<Instance>> byReservation = new LinkedHashMap<>();
        for (Instance i : page.items()) {
            byReservation.computeIfAbsent(i.reservationId, k -> new ArrayList<>()).add(i);
        }
        List<Reservation> reservations = byReservation.entrySet().stream().map(e -> Reservation.builder()
                .reservationId(e.getKey())
                .ownerId(cloud.accountId())
                .groups(List.of())
                .instances(e.getValue().stream().map(i -> Ec2Views.instance(ec2, i)).toList())
                .build()).toList();
        return DescribeInstancesResponse.builder().reservations(reservations).nextToken(page.nextToken()).build();
    }

    private static Collection<String> attribute(Instance i, String name) {
        return switch (name) {
            case "instance-state-name" -> List.of(i.state);
            case "instance-state-code" -> List.of(Integer.toString(i.stateCode()));
            case "instance-id" -> List.of(i.id);
            case "image-id" -> List.of(i.imageId());
            case "instance-type" -> List.of(i.instanceType());
            case "subnet-id" -> List.of(i.subnetId);
            case "vpc-id" -> List.of(i.vpcId);
            case "availability-zone" -> List.of(i.availabilityZone);
            case "private-ip-address" -> List.of(i.privateIp);
            case "reservation-id" -> List.of(i.reservationId);
            case "key-name" -> i.spec.keyName() == null ? List.of() : List.of(i.spec.keyName());
            case "instance.group-id", "group-id" -> i.securityGroupIds();
            case "client-token" -> i.spec.clientToken() == null ? List.of() : List.of(i.spec.clientToken());
            case "launch-template-id" -> i.launchTemplateId() == null ? List.of() : List.of(i.launchTemplateId());
            default -> null;
        };
    }

    public DescribeInstanceStatusResponse handle(DescribeInstanceStatusRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        boolean all = Boolean.TRUE.equals(r.includeAllInstances());
        boolean byId = Pojos.present(r.instanceIds()) && !r.instanceIds().isEmpty();
        Collection<Instance> candidates = byId ? r.instanceIds().stream().map(ec2::instance).toList() : ec2.instances().values();
        List<InstanceStatus> statuses = new ArrayList<>();
        for (Instance i : candidates) {
            if (!all && !i.running()) {
                continue;
            }
            String summary = i.instanceStatus(cloud.now());
            if (!Ec2Filters.matches(r.filters(), i.tags, name -> switch (name) {
                case "instance-state-name" -> List.of(i.state);
                case "instance-status.status", "system-status.status" -> List.of(summary);
                case "availability-zone" -> List.of(i.availabilityZone);
                default -> null;
            })) {
                continue;
            }
            String detail = switch (summary) {
                case "ok" -> "passed";
                case "impaired" -> "failed";
                case "initializing" -> "initializing";
                default -> "insufficient-data";
            };
            InstanceStatusSummary instanceSummary = InstanceStatusSummary.builder().status(summary)
                    .details(InstanceStatusDetails.builder().name("reachability").status(detail).build()).build();
            String systemSummary = summary.equals("impaired") ? "ok" : summary;
            InstanceStatusSummary systemStatus = InstanceStatusSummary.builder().status(systemSummary)
                    .details(InstanceStatusDetails.builder().name("reachability")
                            .status(detail.equals("failed") ? "passed" : detail).build()).build();
            statuses.add(InstanceStatus.builder()
                    .instanceId(i.id)
                    .availabilityZone(i.availabilityZone)
                    .instanceState(Ec2Views.state(i))
                    .instanceStatus(instanceSummary)
                    .systemStatus(systemStatus)
                    .events(List.of())
                    .build());
        }
        Paging<InstanceStatus> page = Paging.page(statuses, r.maxResults(), r.nextToken(), 1000,
                SimError.client("InvalidParameterValue", "Invalid value for nextToken"));
        return DescribeInstanceStatusResponse.builder().instanceStatuses(page.items()).nextToken(page.nextToken()).build();
    }

    private List<InstanceStateChange> change(RequestContext context, List<String> ids, Consumer<Instance> action) {
        Ec2Region ec2 = ec2(context);
        List<Instance> instances = ids.stream().map(ec2::instance).toList();
        List<InstanceStateChange> changes = new ArrayList<>();
        for (Instance i : instances) {
            var previous = Ec2Views.state(i);
            action.accept(i);
            changes.add(InstanceStateChange.builder().instanceId(i.id).previousState(previous).currentState(Ec2Views.state(i)).build());
        }
        return changes;
    }

    public StopInstancesResponse handle(StopInstancesRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        for (String id : r.instanceIds()) {
            String state = ec2.instance(id).state;
            if (state.equals("terminated") || state.equals("shutting-down")) {
                throw SimError.client("IncorrectInstanceState", "This instance '" + id + "' is not in a state from which it can be stopped.");
            }
        }
        return StopInstancesResponse.builder().stoppingInstances(change(context, r.instanceIds(), ec2::stop)).build();
    }

    public StartInstancesResponse handle(StartInstancesRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        for (String id : r.instanceIds()) {
            String state = ec2.instance(id).state;
            if (!state.equals("stopped") && !state.equals("running") && !state.equals("pending")) {
                throw SimError.client("IncorrectInstanceState", "The instance '" + id + "' is not in a state from which it can be started.");
            }
        }
        return StartInstancesResponse.builder().startingInstances(change(context, r.instanceIds(), ec2::start)).build();
    }

    public TerminateInstancesResponse handle(TerminateInstancesRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        return TerminateInstancesResponse.builder().terminatingInstances(change(context, r.instanceIds(), ec2::terminate)).build();
    }

    public RebootInstancesResponse handle(RebootInstancesRequest r, RequestContext context) {
        change(context, r.instanceIds(), ec2(context)::reboot);
        return RebootInstancesResponse.builder().build();
    }

    public GetConsoleOutputResponse handle(GetConsoleOutputRequest r, RequestContext context) {
        Instance i = ec2(context).instance(r.instanceId());
        return GetConsoleOutputResponse.builder()
                .instanceId(i.id)
                .timestamp(cloud.now())
                .output(Base64.getEncoder().encodeToString(i.consoleOutput().getBytes(StandardCharsets.UTF_8)))
                .build();
    }
}
