package hudson.model;

import java.util.Collection;

/** Stand-in for jenkins-core {@code hudson.model.ItemGroup}: the members the plugin uses. */
public interface ItemGroup<T extends Item> {
    Collection<T> getItems();

    String getFullName();
}
