package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.CloudRegion;
import io.jenkins.plugins.awsrollout.sim.protocol.Pojos;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressRequest;
import software.amazon.awssdk.services.ec2.model.AuthorizeSecurityGroupIngressResponse;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.CreateKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.CreateSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairRequest;
import software.amazon.awssdk.services.ec2.model.DeleteKeyPairResponse;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupRequest;
import software.amazon.awssdk.services.ec2.model.DeleteSecurityGroupResponse;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeAvailabilityZonesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeKeyPairsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeRegionsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.KeyPairInfo;
import software.amazon.awssdk.services.ec2.model.Region;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Vpc;

/** Security groups, key pairs, regions, zones, the default VPC and its subnets. */
public final class Ec2NetworkActions {
    private final Cloud cloud;

    public Ec2NetworkActions(Cloud cloud) {
        this.cloud = cloud;
    }

    private Ec2Region ec2(RequestContext context) {
        return cloud.region(context).ec2();
    }

    public CreateSecurityGroupResponse handle(CreateSecurityGroupRequest r, RequestContext context) {
        SecurityGroup g = ec2(context).createSecurityGroup(r.groupName(), r.description(), r.vpcId());
        g.tags.putAll(LaunchSpecs.tagsFor(r.tagSpecifications(), "security-group"));
        return CreateSecurityGroupResponse.builder().groupId(g.id).tags(Ec2Views.tags(g.tags)).build();
    }

    public DeleteSecurityGroupResponse handle(DeleteSecurityGroupRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        SecurityGroup g = ec2.securityGroup(r.groupId() != null ? r.groupId() : r.groupName());
        ec2.deleteSecurityGroup(g);
        return DeleteSecurityGroupResponse.builder().returnValue(true).groupId(g.id).build();
    }

    public AuthorizeSecurityGroupIngressResponse handle(AuthorizeSecurityGroupIngressRequest r, RequestContext context) {
        SecurityGroup g = ec2(context).securityGroup(r.groupId() != null ? r.groupId() : r.groupName());
        List<IpPermission> permissions = new ArrayList<>();
        if (Pojos.present(r.ipPermissions())) {
            permissions.addAll(r.ipPermissions());
        }
        if (r.ipProtocol() != null) {
            permissions.add(IpPermission.builder().ipProtocol(r.ipProtocol()).fromPort(r.fromPort()).toPort(r.toPort())
                    .ipRanges(r.cidrIp() == null ? List.of() : List.of(IpRange.builder().cidrIp(r.cidrIp()).build())).build());
        }
        List<SecurityGroupRule> rules = new ArrayList<>();
        for (IpPermission p : permissions) {
            if (g.ingress.contains(p)) {
                throw SimError.client("InvalidPermission.Duplicate", "the specified rule \"peer: "
                        + (p.hasIpRanges() && !p.ipRanges().isEmpty() ? p.ipRanges().get(0).cidrIp() : "?") + ", "
                        + p.ipProtocol().toUpperCase() + ", from port: " + p.fromPort() + ", to port: " + p.toPort()
                        + ", ALLOW\" already exists");
            }
            g.ingress.add(p);
            rules.add(SecurityGroupRule.builder().securityGroupRuleId(cloud.ids().hex17("sgr-")).groupId(g.id)
                    .groupOwnerId(cloud.accountId()).isEgress(false).ipProtocol(p.ipProtocol()).fromPort(p.fromPort())
                    .toPort(p.toPort()).cidrIpv4(p.hasIpRanges() && !p.ipRanges().isEmpty() ? p.ipRanges().get(0).cidrIp() : null)
                    .build());
        }
        return AuthorizeSecurityGroupIngressResponse.builder().returnValue(true).securityGroupRules(rules).build();
    }

    public DescribeSecurityGroupsResponse handle(DescribeSecurityGroupsRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        List<SecurityGroup> candidates = new ArrayList<>();
        if (Pojos.present(r.groupIds()) && !r.groupIds().isEmpty()) {
            r.groupIds().forEach(id -> candidates.add(ec2.securityGroup(id)));
        } else if (Pojos.present(r.groupNames()) && !r.groupNames().isEmpty()) {
            r.groupNames().forEach(name -> candidates.add(ec2.securityGroup(name)));
        } else {
            candidates.addAll(ec2.securityGroups().values());
        }
        return DescribeSecurityGroupsResponse.builder().securityGroups(candidates.stream()
                .filter(g -> Ec2Filters.matches(r.filters(), g.tags, name -> switch (name) {
                    case "group-name" -> List.of(g.name);
                    case "group-id" -> List.of(g.id);
                    case "vpc-id" -> List.of(g.vpcId);
                    default -> null;
                }))
                .map(g -> software.amazon.awssdk.services.ec2.model.SecurityGroup.builder().groupId(g.id).groupName(g.name)
                        .description(g.description).vpcId(g.vpcId).ownerId(cloud.accountId()).ipPermissions(g.ingress)
                        .ipPermissionsEgress(IpPermission.builder().ipProtocol("-1")
                                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build())
                        .tags(Ec2Views.tags(g.tags)).build())
                .toList()).build();
    }

    public CreateKeyPairResponse handle(CreateKeyPairRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        KeyPair pair = ec2.createKeyPair(r.keyName());
        pair.tags.putAll(LaunchSpecs.tagsFor(r.tagSpecifications(), "key-pair"));
        return CreateKeyPairResponse.builder().keyName(pair.name).keyPairId(pair.id).keyFingerprint(ec2.fingerprint(pair))
                .keyMaterial("-----BEGIN RSA PRIVATE KEY-----\nU0lNVUxBVEVELUtFWS1OT1QtQS1SRUFMLUtFWQ==\n-----END RSA PRIVATE KEY-----")
                .tags(Ec2Views.tags(pair.tags)).build();
    }

    public DeleteKeyPairResponse handle(DeleteKeyPairRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        // Deleting a key pair that does not exist succeeds, as in EC2.
        if (r.keyName() != null) {
            ec2.keyPairs().remove(r.keyName());
        } else if (r.keyPairId() != null) {
            ec2.keyPairs().values().removeIf(k -> k.id.equals(r.keyPairId()));
        }
        return DeleteKeyPairResponse.builder().returnValue(true).build();
    }

    public DescribeKeyPairsResponse handle(DescribeKeyPairsRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        List<KeyPairInfo> pairs = new ArrayList<>();
        for (KeyPair k : ec2.keyPairs().values()) {
            boolean named = Pojos.present(r.keyNames()) && !r.keyNames().isEmpty();
            if (named && !r.keyNames().contains(k.name)) {
                continue;
            }
            pairs.add(KeyPairInfo.builder().keyName(k.name).keyPairId(k.id).keyFingerprint(k.fingerprint).keyType("rsa")
                    .tags(Ec2Views.tags(k.tags)).build());
        }
        if (Pojos.present(r.keyNames())) {
            for (String name : r.keyNames()) {
                if (!ec2.keyPairs().containsKey(name)) {
                    throw SimError.client("InvalidKeyPair.NotFound", "The key pair '" + name + "' does not exist");
                }
            }
        }
        return DescribeKeyPairsResponse.builder().keyPairs(pairs).build();
    }

    public DescribeRegionsResponse handle(DescribeRegionsRequest r, RequestContext context) {
        List<Region> regions = new ArrayList<>();
        for (CloudRegion region : cloud.regions()) {
            if (Pojos.present(r.regionNames()) && !r.regionNames().isEmpty() && !r.regionNames().contains(region.name())) {
                continue;
            }
            regions.add(Region.builder().regionName(region.name()).endpoint("ec2." + region.name() + ".amazonaws.com")
                    .optInStatus("opt-in-not-required").build());
        }
        return DescribeRegionsResponse.builder().regions(regions).build();
    }

    public DescribeAvailabilityZonesResponse handle(DescribeAvailabilityZonesRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        List<AvailabilityZone> zones = new ArrayList<>();
        for (Subnet s : ec2.subnets()) {
            String[] parts = ec2.region().split("-");
            String zoneId = (parts.length == 3 ? parts[0] + parts[1].charAt(0) + parts[2] : ec2.region()) + "-az" + (s.index() + 1);
            if (Ec2Filters.matches(r.filters(), Map.of(), name -> switch (name) {
                case "zone-name" -> List.of(s.availabilityZone());
                case "state" -> List.of("available");
                case "region-name" -> List.of(ec2.region());
                default -> null;
            }) && (!Pojos.present(r.zoneNames()) || r.zoneNames().isEmpty() || r.zoneNames().contains(s.availabilityZone()))) {
                zones.add(AvailabilityZone.builder().zoneName(s.availabilityZone()).zoneId(zoneId).state("available")
                        .regionName(ec2.region()).zoneType("availability-zone").groupName(ec2.region())
                        .optInStatus("opt-in-not-required").networkBorderGroup(ec2.region()).messages(List.of()).build());
            }
        }
        return DescribeAvailabilityZonesResponse.builder().availabilityZones(zones).build();
    }

    public DescribeVpcsResponse handle(DescribeVpcsRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        boolean match = (!Pojos.present(r.vpcIds()) || r.vpcIds().isEmpty() || r.vpcIds().contains(ec2.vpcId()))
                && Ec2Filters.matches(r.filters(), Map.of(), name -> switch (name) {
                    case "vpc-id" -> List.of(ec2.vpcId());
                    case "is-default", "isDefault" -> List.of("true");
                    case "cidr", "cidr-block" -> List.of("172.31.0.0/16");
                    default -> null;
                });
        if (!match && Pojos.present(r.vpcIds()) && !r.vpcIds().isEmpty()) {
            throw SimError.client("InvalidVpcID.NotFound", "The vpc ID '" + r.vpcIds().get(0) + "' does not exist");
        }
        return DescribeVpcsResponse.builder().vpcs(match ? List.of(Vpc.builder().vpcId(ec2.vpcId()).cidrBlock("172.31.0.0/16")
                .state("available").isDefault(true).ownerId(cloud.accountId()).instanceTenancy("default").build()) : List.of())
                .build();
    }

    public DescribeSubnetsResponse handle(DescribeSubnetsRequest r, RequestContext context) {
        Ec2Region ec2 = ec2(context);
        List<software.amazon.awssdk.services.ec2.model.Subnet> subnets = new ArrayList<>();
        if (Pojos.present(r.subnetIds())) {
            r.subnetIds().forEach(ec2::subnet);
        }
        for (Subnet s : ec2.subnets()) {
            if (Pojos.present(r.subnetIds()) && !r.subnetIds().isEmpty() && !r.subnetIds().contains(s.id())) {
                continue;
            }
            if (!Ec2Filters.matches(r.filters(), Map.of(), name -> switch (name) {
                case "vpc-id" -> List.of(s.vpcId());
                case "subnet-id" -> List.of(s.id());
                case "availability-zone" -> List.of(s.availabilityZone());
                case "default-for-az", "defaultForAz" -> List.of("true");
                case "state" -> List.of("available");
                default -> null;
            })) {
                continue;
            }
            subnets.add(software.amazon.awssdk.services.ec2.model.Subnet.builder().subnetId(s.id()).vpcId(s.vpcId())
                    .availabilityZone(s.availabilityZone()).cidrBlock(s.cidrBlock()).state("available").defaultForAz(true)
                    .mapPublicIpOnLaunch(true).availableIpAddressCount(4091).ownerId(cloud.accountId()).build());
        }
        return DescribeSubnetsResponse.builder().subnets(subnets).build();
    }
}
