package hudson.remoting;

/** Stand-in for remoting's {@code hudson.remoting.VirtualChannel}: no members are used. */
public interface VirtualChannel {}
