package com.cloudbees.plugins.credentials.domains;

import hudson.ExtensionPoint;
import java.io.Serializable;

/** Stand-in for credentials-plugin {@code DomainRequirement}. */
public class DomainRequirement implements ExtensionPoint, Serializable {

    private static final long serialVersionUID = 1L;
}
