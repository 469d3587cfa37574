package io.jenkins.plugins.awsrollout.runner;

import java.util.Map;

/**
 * A symbol call in a script, {@code rolling(batchSize: 2)}, before it knows which type it will become: Pipeline's
 * {@code UninstantiatedDescribable}. The parameter it is passed to picks the implementation carrying the symbol.
 *
 * @param symbol the {@code @Symbol} used
 * @param arguments its named arguments
 */
public record Uninstantiated(String symbol, Map<String, Object> arguments) {

    /** The key of a single unnamed argument, {@code rolling(2)}, as structs' {@code ANONYMOUS_KEY}. */
    public static final String UNNAMED = "$$anonymous";

    @Override
    public String toString() {
        return "@" + symbol + arguments;
    }
}
