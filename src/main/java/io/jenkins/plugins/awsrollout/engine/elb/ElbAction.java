package io.jenkins.plugins.awsrollout.engine.elb;

import io.jenkins.plugins.awsrollout.engine.ParameterChoice;
import java.util.Optional;

/** What {@code awsElbRegister} does to its targets. */
public enum ElbAction implements ParameterChoice {
    /** Put the targets into the target groups and load balancers. */
    REGISTER("register", "registration", "registered", "with"),
    /** Take them out; they drain for the target group's deregistration delay. */
    DEREGISTER("deregister", "deregistration", "deregistered", "from");

    private final String parameterValue;
    private final String noun;
    private final String pastTense;
    private final String preposition;

    ElbAction(String parameterValue, String noun, String pastTense, String preposition) {
        this.parameterValue = parameterValue;
        this.noun = noun;
        this.pastTense = pastTense;
        this.preposition = preposition;
    }

    @Override
    public String parameterValue() {
        return parameterValue;
    }

    /** {@code registration} / {@code deregistration}. */
    public String noun() {
        return noun;
    }

    /** {@code registered} / {@code deregistered}. */
    public String pastTense() {
        return pastTense;
    }

    /** {@code with} / {@code from}: "registered i-1 with web-tg", "deregistered i-1 from web-tg". */
    public String preposition() {
        return preposition;
    }

    /** The action that undoes this one. */
    public ElbAction inverse() {
        return this == REGISTER ? DEREGISTER : REGISTER;
    }

    public static Optional<ElbAction> of(String value) {
        return ParameterChoice.parse(ElbAction.class, value);
    }
}
