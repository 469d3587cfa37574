package io.jenkins.plugins.awsrollout.steps;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A text parameter that a freestyle build step passes on as typed, without expanding the build's {@code ${VARS}}:
 * a script, whose {@code $VARS} are the shell's, or a value the engine expands itself (with its own rules and
 * errors). Every other text parameter of a step is expanded in freestyle builds, as Groovy interpolation does in a
 * Jenkinsfile.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Verbatim {}
