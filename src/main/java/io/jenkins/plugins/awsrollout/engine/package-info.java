/** The engine: plain Java and the AWS SDK, no Jenkins types. */
package io.jenkins.plugins.awsrollout.engine;
