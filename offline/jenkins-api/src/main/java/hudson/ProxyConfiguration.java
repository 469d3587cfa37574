package hudson;

import hudson.util.Secret;
import java.io.Serializable;
import java.util.List;
import java.util.regex.Pattern;

/** Stand-in for jenkins-core {@code hudson.ProxyConfiguration}: signatures only. */
public final class ProxyConfiguration implements Serializable {

    private static final long serialVersionUID = 1L;

    public final String name;
    public final int port;

    private ProxyConfiguration() {
        this.name = null;
        this.port = 0;
    }

    public String getName() {
        return name;
    }

    public int getPort() {
        return port;
    }

    public String getUserName() {
        throw new UnsupportedOperationException("stand-in");
    }

    public Secret getSecretPassword() {
        throw new UnsupportedOperationException("stand-in");
    }

    public List<Pattern> getNoProxyHostPatterns() {
        throw new UnsupportedOperationException("stand-in");
    }
}
