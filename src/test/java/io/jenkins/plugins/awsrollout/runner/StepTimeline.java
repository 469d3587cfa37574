package io.jenkins.plugins.awsrollout.runner;

import io.jenkins.plugins.awsrollout.engine.timeline.Timeline;

/**
 * One step call's timeline, as the local runner's report shows it.
 *
 * @param function the step's function name ({@code awsAsgRollout})
 * @param timeline what the step recorded
 */
public record StepTimeline(String function, Timeline timeline) {}
