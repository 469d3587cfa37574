package io.jenkins.plugins.awsrollout.steps;

import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.jenkins.plugins.awsrollout.engine.elb.ElbAction;
import io.jenkins.plugins.awsrollout.engine.elb.OnAbort;
import io.jenkins.plugins.awsrollout.engine.elb.WaitFor;
import java.util.Optional;

/** The form choices and checks of {@code awsElbRegister}, shared by the step's and the freestyle builder's descriptor. */
public final class ElbRegisterFields {

    private ElbRegisterFields() {}

    public static ListBoxModel actions() {
        ListBoxModel items = new ListBoxModel();
        items.add("Register", ElbAction.REGISTER.parameterValue());
        items.add("Deregister", ElbAction.DEREGISTER.parameterValue());
        return items;
    }

    public static ListBoxModel waits() {
        ListBoxModel items = new ListBoxModel();
        items.add("Default (healthy for register, drained for deregister)", "");
        items.add("Healthy", WaitFor.HEALTHY.parameterValue());
        items.add("Drained", WaitFor.DRAINED.parameterValue());
        items.add("No wait", WaitFor.NONE.parameterValue());
        return items;
    }

    public static ListBoxModel onAborts() {
        ListBoxModel items = new ListBoxModel();
        items.add("Revert this step's changes", OnAbort.REVERT.parameterValue());
        items.add("Leave them", OnAbort.LEAVE.parameterValue());
        return items;
    }

    public static FormValidation check(Optional<String> problem) {
        return problem.map(p -> FormValidation.error(Character.toUpperCase(p.charAt(0)) + p.substring(1) + "."))
                .orElseGet(FormValidation::ok);
    }
}
