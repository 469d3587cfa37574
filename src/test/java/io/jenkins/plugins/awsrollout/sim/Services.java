package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Service;
import io.jenkins.plugins.awsrollout.sim.protocol.SimHttpServer;
import io.jenkins.plugins.awsrollout.sim.s3.S3Service;
import io.jenkins.plugins.awsrollout.sim.ssm.SsmService;

/**
 * Every simulated service, in one place. Adding a service is one line in {@link #register}
 * (plus, if it reacts to instances, one in {@link #listen}, and if it has seeds, one in
 * {@link #seed} or a {@link WorldSections} entry).
 */
final class Services {
    private Services() {}

    static void register(SimHttpServer server, Cloud cloud) {
        server.register(Ec2Service.create(cloud));
        server.register(S3Service.create(cloud));
        server.register(SsmService.create(cloud));
    }

    /** Cross-service reactions to instance changes (load balancer registration, group tracking). */
    static void listen(Cloud cloud) {
    }

    /** Seeds of services beyond EC2 (target groups, load balancers, groups). */
    static void seed(World world, Cloud cloud) {
    }
}
