package hudson.util;

import edu.umd.cs.findbugs.annotations.NonNull;
import java.util.ArrayList;

/** Stand-in for jenkins-core {@code hudson.util.ListBoxModel} (really also a Stapler {@code HttpResponse}). */
public class ListBoxModel extends ArrayList<ListBoxModel.Option> {

    private static final long serialVersionUID = 1L;

    /** Stand-in for {@code ListBoxModel.Option}. */
    public static final class Option {
        public String name;
        public String value;
        public boolean selected;

        public Option(@NonNull String name, @NonNull String value) {
            this.name = name;
            this.value = value;
        }
    }

    public ListBoxModel() {}

    public void add(@NonNull String displayName, @NonNull String value) {
        add(new Option(displayName, value));
    }
}
