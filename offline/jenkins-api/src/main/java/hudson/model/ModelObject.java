package hudson.model;

/** Stand-in for jenkins-core {@code hudson.model.ModelObject}. */
public interface ModelObject {
    String getDisplayName();
}
