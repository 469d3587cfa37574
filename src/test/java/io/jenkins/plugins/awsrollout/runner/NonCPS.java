package io.jenkins.plugins.awsrollout.runner;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What {@code @NonCPS} in a Jenkinsfile resolves to here: the runner runs scripts plainly (no CPS transformation),
 * so the annotation only has to compile.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonCPS {}
