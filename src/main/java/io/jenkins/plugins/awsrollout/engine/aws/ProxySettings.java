package io.jenkins.plugins.awsrollout.engine.aws;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import java.util.List;

/**
 * The HTTP proxy Jenkins is configured with. Built on each use from Jenkins' settings and held only in memory by
 * the shared HTTP client; {@link #toString()} never shows the password.
 *
 * @param host proxy host
 * @param port proxy port
 * @param userName proxy user, or null
 * @param password proxy password, or null
 * @param nonProxyHosts host patterns that bypass the proxy
 */
public record ProxySettings(
        String host, int port, @CheckForNull String userName, @CheckForNull String password, List<String> nonProxyHosts) {

    public ProxySettings {
        nonProxyHosts = List.copyOf(nonProxyHosts);
    }

    @Override
    public String toString() {
        return "ProxySettings[" + host + ":" + port + (userName == null ? "" : ", user " + userName) + "]";
    }
}
