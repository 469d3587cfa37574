package org.kohsuke.stapler;

/** Stand-in for Stapler's {@code HttpResponse}: only used as a return type here. */
public interface HttpResponse {}
