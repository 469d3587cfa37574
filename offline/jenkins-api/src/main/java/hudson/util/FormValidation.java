package hudson.util;

import java.io.IOException;

/**
 * Stand-in for jenkins-core {@code hudson.util.FormValidation} (really also a Stapler {@code HttpResponse}). The
 * factories keep kind and message so that offline tests can check validation results.
 */
public abstract class FormValidation extends IOException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        OK,
        WARNING,
        ERROR
    }

    public final Kind kind;

    private FormValidation(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public static FormValidation ok() {
        return of(Kind.OK, null);
    }

    public static FormValidation ok(String message) {
        return of(Kind.OK, message);
    }

    public static FormValidation warning(String message) {
        return of(Kind.WARNING, message);
    }

    public static FormValidation error(String message) {
        return of(Kind.ERROR, message);
    }

    public static FormValidation validateIntegerInRange(String value, int lower, int upper) {
        try {
            int number = Integer.parseInt(value.trim());
            return number >= lower && number <= upper
                    ? ok()
                    : error("Please enter an integer between " + lower + " and " + upper + ".");
        } catch (RuntimeException e) {
            return error("Not an integer");
        }
    }

    public abstract String renderHtml();

    private static FormValidation of(Kind kind, String message) {
        return new FormValidation(kind, message) {
            private static final long serialVersionUID = 1L;

            @Override
            public String renderHtml() {
                return message == null ? "" : message;
            }
        };
    }
}
