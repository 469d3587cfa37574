package org.jenkinsci.plugins.workflow.steps;

/** Stand-in for workflow-step-api {@code BodyInvoker}: only named by {@link StepContext#newBodyInvoker()}. */
public abstract class BodyInvoker {}
