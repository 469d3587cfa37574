package hudson.model;

import edu.umd.cs.findbugs.annotations.NonNull;
import edu.umd.cs.findbugs.annotations.Nullable;
import hudson.security.Permission;
import net.sf.json.JSONObject;
import org.kohsuke.stapler.StaplerRequest2;

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

    public synchronized void save() {}

    public synchronized void load() {}

    public @NonNull
    Permission getRequiredGlobalConfigPagePermission() {
        throw new UnsupportedOperationException("stand-in");
    }

    public T newInstance(@Nullable StaplerRequest2 req, @NonNull JSONObject formData) throws FormException {
        throw new UnsupportedOperationException("stand-in");
    }

    /** Stand-in for {@code Descriptor.FormException} (really also a Stapler {@code HttpResponse}). */
    public static final class FormException extends Exception {

        private static final long serialVersionUID = 1L;

        public FormException(String message, String formField) {
            super(message);
        }
    }
}
