package org.kohsuke.stapler;

import jakarta.servlet.http.HttpServletResponse;

/** Stand-in for Stapler's {@code org.kohsuke.stapler.StaplerResponse2}: the plugin uses only the servlet members. */
public interface StaplerResponse2 extends HttpServletResponse {}
