package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletRequest;

/** Stand-in for Stapler's {@code org.kohsuke.stapler.StaplerRequest2}: the plugin only passes it through. */
public interface StaplerRequest2 extends HttpServletRequest {}
