package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;

/**
 * Stand-in for jenkins-core {@code hudson.model.Descriptor}: signatures only. {@code save()} and {@code load()} do
 * nothing here, so that a global configuration can be constructed in offline tests.
 */
public abstract class Descriptor<T extends Describable<T>> {

    public final transient Class<? extends T> clazz;

    protected Descriptor(Class<? extends T> clazz) {
        this.clazz = clazz;
    }

    @SuppressWarnings("unchecked")
    protected Descriptor() {
        this.clazz = (Class<? extends T>) getClass().getEnclosingClass();
    }

    @SuppressWarnings("rawtypes")
    protected static Class self() {
        throw new UnsupportedOperationException("stand-in");
    }

    @NonNull
    public String getDisplayName() {
        return clazz.getSimpleName();
    }

    public String getId() {
        return clazz.getName();
    }

    @SuppressWarnings("rawtypes")
    protected void addHelpFileRedirect(String fieldName, Class<? extends Describable> owner, String fieldNameToRedirectTo) {}

    public synchronized void save() {}

    public synchronized void load() {}
}
