package io.jenkins.plugins.awsrollout.sim;

import io.jenkins.plugins.awsrollout.sim.autoscaling.AutoScalingService;
import io.jenkins.plugins.awsrollout.sim.cloudformation.CloudFormationService;
import io.jenkins.plugins.awsrollout.sim.codedeploy.CodeDeployService;
import io.jenkins.plugins.awsrollout.sim.codepipeline.CodePipelineService;
import io.jenkins.plugins.awsrollout.sim.ec2.Ec2Service;
import io.jenkins.plugins.awsrollout.sim.ec2.Instance;
import io.jenkins.plugins.awsrollout.sim.elb.ElbServices;
import io.jenkins.plugins.awsrollout.sim.protocol.SimHttpServer;
import io.jenkins.plugins.awsrollout.sim.s3.S3Service;
import io.jenkins.plugins.awsrollout.sim.ssm.SsmService;
import io.jenkins.plugins.awsrollout.sim.sts.StsService;

/**
 * Every simulated service, in one place. Adding a service is one line in {@link #register}
 * (plus, if it reacts to instances, one in {@link #listen}, and if it has world-file seeds, a
 * {@link WorldSections} entry).
 */
final class Services {
    private Services() {}

    static void register(SimHttpServer server, Cloud cloud) {
        server.register(Ec2Service.create(cloud));
        server.register(AutoScalingService.create(cloud));
        server.register(ElbServices.classic(cloud));
        server.register(ElbServices.v2(cloud));
        server.register(StsService.create(cloud));
        // CodeDeploy and what its bundles and provisioning need (sim/codedeploy, sim/s3, sim/ssm)
        server.register(CodeDeployService.create(cloud));
        server.register(S3Service.create(cloud));
        server.register(SsmService.create(cloud));
        server.register(CodePipelineService.create(cloud));
        // CloudWatch alarms, which stop instance refreshes and deployments (sim/cloudwatch)
        server.register(io.jenkins.plugins.awsrollout.sim.cloudwatch.CloudWatchService.create(cloud));
        server.register(CloudFormationService.create(cloud));
    }

    /** Cross-service reactions to instance changes: load balancers first, then the groups that read them. */
    static void listen(Cloud cloud) {
        cloud.addListener(new CloudListener() {
            @Override
            public void instanceStateChanged(Instance instance, String previousState) {
                CloudRegion region = cloud.region(instance.region());
                region.elb().instanceChanged(instance);
                region.autoScaling().instanceChanged(instance, previousState);
            }

            @Override
            public void instanceHealthChanged(Instance instance) {
                CloudRegion region = cloud.region(instance.region());
                region.elb().instanceChanged(instance);
                region.autoScaling().instanceChanged(instance, instance.state());
            }
        });
        // CodeDeploy deploys to instances its deployment groups' Auto Scaling groups launch (after the groups saw them).
        cloud.addListener(CodeDeployService.autoScalingDeployments(cloud));
    }

    /** Seeds of services beyond EC2: target groups, load balancers, launch configurations, groups. */
    static void seed(World world, Cloud cloud) {
        GroupSeeder.seed(world, cloud);
    }
}
