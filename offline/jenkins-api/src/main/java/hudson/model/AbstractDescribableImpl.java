package hudson.model;

/** Stand-in for jenkins-core {@code hudson.model.AbstractDescribableImpl} (deprecated since 2.505; Step extends it). */
@Deprecated
public abstract class AbstractDescribableImpl<T extends AbstractDescribableImpl<T>> implements Describable<T> {}
