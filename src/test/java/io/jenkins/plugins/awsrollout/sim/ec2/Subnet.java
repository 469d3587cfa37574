package io.jenkins.plugins.awsrollout.sim.ec2;

/** A subnet of the region's default VPC, one per availability zone. */
public record Subnet(String id, String vpcId, String availabilityZone, String cidrBlock, int index) {}
