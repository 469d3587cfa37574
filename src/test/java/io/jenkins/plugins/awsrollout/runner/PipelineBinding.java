package io.jenkins.plugins.awsrollout.runner;

import groovy.lang.Binding;
import groovy.lang.MissingPropertyException;

/**
 * The script's variables: {@code env}, {@code currentBuild}, {@code params}, what the script assigns, and, as in
 * Jenkins, any environment variable by its bare name ({@code "build ${BUILD_NUMBER}"}).
 */
final class PipelineBinding extends Binding {

    private final PipelineEnv env;

    PipelineBinding(PipelineEnv env) {
        this.env = env;
    }

    @Override
    public Object getVariable(String name) {
        if (hasVariable(name)) {
            return super.getVariable(name);
        }
        String value = env.get(name);
        if (value != null) {
            return value;
        }
        throw new MissingPropertyException(name, getClass());
    }
}
