package io.jenkins.plugins.awsrollout.sim.codedeploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.codedeploy.model.AlarmConfiguration;
import software.amazon.awssdk.services.codedeploy.model.AutoRollbackConfiguration;
import software.amazon.awssdk.services.codedeploy.model.BlueGreenDeploymentConfiguration;
import software.amazon.awssdk.services.codedeploy.model.DeploymentStyle;
import software.amazon.awssdk.services.codedeploy.model.EC2TagFilter;
import software.amazon.awssdk.services.codedeploy.model.EC2TagSet;
import software.amazon.awssdk.services.codedeploy.model.LoadBalancerInfo;
import software.amazon.awssdk.services.codedeploy.model.RevisionLocation;

/** A deployment group: where deployments go (Auto Scaling groups, EC2 tags) and how. */
public final class DeploymentGroup {
    final Application application;
    final String id;
    final String name;
    String serviceRoleArn;
    String deploymentConfigName;
    List<EC2TagFilter> ec2TagFilters = List.of();
    EC2TagSet ec2TagSet;
    /** Auto Scaling group names, with the lifecycle hook CodeDeploy installs on each. */
    final List<String> autoScalingGroups = new ArrayList<>();
    final Map<String, String> hooks = new HashMap<>();
    DeploymentStyle deploymentStyle;
    LoadBalancerInfo loadBalancerInfo;
    AutoRollbackConfiguration autoRollbackConfiguration;
    AlarmConfiguration alarmConfiguration;
    BlueGreenDeploymentConfiguration blueGreenDeploymentConfiguration;
    String outdatedInstancesStrategy = "UPDATE";
    /** The revision of the last successful deployment (AWS's targetRevision), or null. */
    RevisionLocation targetRevision;
    String lastSuccessfulDeploymentId;
    String lastAttemptedDeploymentId;
    /** The revision each instance last deployed successfully, for updateOutdatedInstancesOnly. */
    final Map<String, RevisionLocation> instanceRevisions = new HashMap<>();

    DeploymentGroup(Application application, String id, String name) {
        this.application = application;
        this.id = id;
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Application application() {
        return application;
    }

    public List<String> autoScalingGroups() {
        return List.copyOf(autoScalingGroups);
    }

    public RevisionLocation targetRevision() {
        return targetRevision;
    }

    boolean blueGreen() {
        return deploymentStyle != null && "BLUE_GREEN".equals(deploymentStyle.deploymentTypeAsString());
    }

    /** In-place with load balancer info and traffic control: instances leave and rejoin the load balancers. */
    boolean trafficControl() {
        return deploymentStyle != null && "WITH_TRAFFIC_CONTROL".equals(deploymentStyle.deploymentOptionAsString())
                && Fleet.hasLoadBalancers(loadBalancerInfo);
    }
}
