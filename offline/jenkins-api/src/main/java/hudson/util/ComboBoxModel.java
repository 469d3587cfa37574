package hudson.util;

import java.util.ArrayList;

/** Stand-in for jenkins-core {@code hudson.util.ComboBoxModel} (really also a Stapler {@code HttpResponse}). */
public class ComboBoxModel extends ArrayList<String> {

    private static final long serialVersionUID = 1L;

    public ComboBoxModel() {}
}
