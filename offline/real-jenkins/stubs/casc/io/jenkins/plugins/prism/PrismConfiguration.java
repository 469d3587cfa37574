package io.jenkins.plugins.prism;

/**
 * Stand-in for the prism-api plugin's configuration (syntax highlighting of the JCasC export page), which
 * configuration-as-code only hands to its viewExport view. Not a real plugin class: nothing else of prism-api is built.
 */
public class PrismConfiguration {
    private static final PrismConfiguration INSTANCE = new PrismConfiguration();

    public static PrismConfiguration getInstance() {
        return INSTANCE;
    }
}
