package io.jenkins.plugins.awsrollout.config;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.ProxyConfiguration;
import hudson.util.Secret;
import io.jenkins.plugins.awsrollout.engine.aws.ProxySettings;
import java.util.regex.Pattern;
import jenkins.model.Jenkins;

/** Jenkins' HTTP proxy (Manage Jenkins » Plugins » Advanced), as the AWS clients use it. */
public final class JenkinsProxy {

    private JenkinsProxy() {}

    public static @CheckForNull ProxySettings settings() {
        Jenkins jenkins = Jenkins.getInstanceOrNull();
        ProxyConfiguration proxy = jenkins == null ? null : jenkins.getProxy();
        if (proxy == null || proxy.getName() == null || proxy.getName().isBlank()) {
            return null;
        }
        String user = proxy.getUserName();
        return new ProxySettings(
                proxy.getName(),
                proxy.getPort(),
                user,
                user == null ? null : Secret.toString(proxy.getSecretPassword()),
                proxy.getNoProxyHostPatterns().stream().map(Pattern::pattern).toList());
    }
}
