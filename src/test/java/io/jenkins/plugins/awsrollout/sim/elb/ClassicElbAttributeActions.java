package io.jenkins.plugins.awsrollout.sim.elb;

import io.jenkins.plugins.awsrollout.sim.Cloud;
import io.jenkins.plugins.awsrollout.sim.protocol.RequestContext;
import io.jenkins.plugins.awsrollout.sim.protocol.SimError;
import software.amazon.awssdk.services.elasticloadbalancing.model.AccessLog;
import software.amazon.awssdk.services.elasticloadbalancing.model.ConnectionDraining;
import software.amazon.awssdk.services.elasticloadbalancing.model.ConnectionSettings;
import software.amazon.awssdk.services.elasticloadbalancing.model.CrossZoneLoadBalancing;
import software.amazon.awssdk.services.elasticloadbalancing.model.DescribeLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancing.model.DescribeLoadBalancerAttributesResponse;
import software.amazon.awssdk.services.elasticloadbalancing.model.LoadBalancerAttributes;
import software.amazon.awssdk.services.elasticloadbalancing.model.ModifyLoadBalancerAttributesRequest;
import software.amazon.awssdk.services.elasticloadbalancing.model.ModifyLoadBalancerAttributesResponse;

/**
 * Classic ELB attributes: connection draining (a deregistered instance stays {@code OutOfService}
 * "deregistration currently in progress" for the timeout), cross-zone and idle timeout (kept), access logs (off).
 */
public final class ClassicElbAttributeActions {
    private final Cloud cloud;

    public ClassicElbAttributeActions(Cloud cloud) {
        this.cloud = cloud;
    }

    static LoadBalancerAttributes attributes(ClassicLoadBalancer lb) {
        return LoadBalancerAttributes.builder()
                .crossZoneLoadBalancing(CrossZoneLoadBalancing.builder().enabled(lb.crossZone).build())
                .accessLog(AccessLog.builder().enabled(false).build())
                .connectionDraining(ConnectionDraining.builder().enabled(lb.connectionDraining).timeout(lb.connectionDrainingTimeout).build())
                .connectionSettings(ConnectionSettings.builder().idleTimeout(lb.idleTimeout).build())
                .build();
    }

    public DescribeLoadBalancerAttributesResponse handle(DescribeLoadBalancerAttributesRequest r, RequestContext context) {
        ClassicLoadBalancer lb = cloud.region(context).elb().classicLoadBalancer(r.loadBalancerName());
        return DescribeLoadBalancerAttributesResponse.builder().loadBalancerAttributes(attributes(lb)).build();
    }

    public ModifyLoadBalancerAttributesResponse handle(ModifyLoadBalancerAttributesRequest r, RequestContext context) {
        ClassicLoadBalancer lb = cloud.region(context).elb().classicLoadBalancer(r.loadBalancerName());
        LoadBalancerAttributes a = r.loadBalancerAttributes();
        ConnectionDraining draining = a.connectionDraining();
        if (draining != null && draining.timeout() != null && (draining.timeout() < 1 || draining.timeout() > 3600)) {
            throw SimError.client("ValidationError", "ConnectionDraining timeout must be between 1 and 3600 seconds, got " + draining.timeout());
        }
        ConnectionSettings settings = a.connectionSettings();
        if (settings != null && settings.idleTimeout() != null && (settings.idleTimeout() < 1 || settings.idleTimeout() > 4000)) {
            throw SimError.client("ValidationError", "ConnectionSettings IdleTimeout must be between 1 and 4000 seconds, got "
                    + settings.idleTimeout());
        }
        if (a.accessLog() != null && Boolean.TRUE.equals(a.accessLog().enabled())) {
            throw SimError.client("InvalidConfigurationRequest", "Access logs are not supported by this simulator");
        }
        if (draining != null) {
            lb.connectionDraining = Boolean.TRUE.equals(draining.enabled());
            if (draining.timeout() != null) {
                lb.connectionDrainingTimeout = draining.timeout();
            }
        }
        if (a.crossZoneLoadBalancing() != null) {
            lb.crossZone = Boolean.TRUE.equals(a.crossZoneLoadBalancing().enabled());
        }
        if (settings != null && settings.idleTimeout() != null) {
            lb.idleTimeout = settings.idleTimeout();
        }
        LoadBalancerAttributes now = attributes(lb);
        return ModifyLoadBalancerAttributesResponse.builder().loadBalancerName(lb.name).loadBalancerAttributes(a.toBuilder()
                .connectionDraining(a.connectionDraining() == null ? null : now.connectionDraining()).build()).build();
    }
}
