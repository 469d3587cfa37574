package io.jenkins.plugins.awsrollout.sim.ec2;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.Ec2Wire;
import io.jenkins.plugins.awsrollout.sim.protocol.SimService;

/** EC2 (API version 2016-11-15, the {@code ec2} protocol). */
public final class Ec2Service {
    public static final String VERSION = "2016-11-15";

    private Ec2Service() {}

    public static SimService create(Cloud cloud) {
        return SimService.form("ec2", VERSION, new Ec2Wire(VERSION),
                new Ec2InstanceActions(cloud),
                new Ec2TagActions(cloud),
                new Ec2ImageActions(cloud),
                new Ec2LaunchTemplateActions(cloud),
                new Ec2NetworkActions(cloud));
    }
}
