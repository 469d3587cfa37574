package org.jenkinsci.remoting;

import java.io.Serializable;

/** Stand-in for remoting's {@code org.jenkinsci.remoting.SerializableOnlyOverRemoting}: no members are used. */
public interface SerializableOnlyOverRemoting extends Serializable {}
