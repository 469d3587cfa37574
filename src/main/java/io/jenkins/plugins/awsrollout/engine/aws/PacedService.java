package io.jenkins.plugins.awsrollout.engine.aws;

/**
 * The AWS APIs whose calls the controller paces, each with a request bucket of its own per account and Region at AWS
 * (Amazon EC2 Auto Scaling: one bucket for all its calls; Elastic Load Balancing: one set per API version).
 */
public enum PacedService {
    /** Amazon EC2 Auto Scaling. */
    AUTO_SCALING("Auto Scaling"),
    /** Elastic Load Balancing, both API versions (target groups and classic load balancers). */
    ELB("Elastic Load Balancing");

    private final String label;

    PacedService(String label) {
        this.label = label;
    }

    /** The service as the build log names it. */
    public String label() {
        return label;
    }
}
