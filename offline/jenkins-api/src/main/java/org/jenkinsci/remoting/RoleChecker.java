package org.jenkinsci.remoting;

/** Stand-in for remoting's {@code org.jenkinsci.remoting.RoleChecker}: no members are used. */
public abstract class RoleChecker {}
