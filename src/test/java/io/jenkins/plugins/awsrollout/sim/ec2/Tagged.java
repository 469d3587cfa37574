package io.jenkins.plugins.awsrollout.sim.ec2;

import java.util.Map;

/** An EC2 resource that carries tags (instances, images, snapshots, launch templates, ...). */
public interface Tagged {
    String id();

    /** The DescribeTags resource type: instance, image, snapshot, launch-template, security-group, ... */
    String resourceType();

    /** Live, mutable, insertion-ordered tags. */
    Map<String, String> tags();
}
