package io.jenkins.plugins.awsrollout.runner;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Result;
import java.util.List;

/**
 * The script's {@code currentBuild}, the members of Jenkins' {@code RunWrapper} a deploy pipeline reads and writes.
 * Setting {@code result} can only make it worse, as {@code Run.setResult} does.
 */
public final class CurrentBuild {

    private static final List<Result> RESULTS =
            List.of(Result.SUCCESS, Result.UNSTABLE, Result.FAILURE, Result.NOT_BUILT, Result.ABORTED);

    private final String jobName;
    private final int number;
    private final String url;
    private @CheckForNull Result result;
    private String displayName;
    private @CheckForNull String description;

    CurrentBuild(String jobName, int number, String url) {
        this.jobName = jobName;
        this.number = number;
        this.url = url;
        this.displayName = "#" + number;
    }

    /** Null while the build runs, unless something set it. */
    public @CheckForNull String getResult() {
        return result == null ? null : result.toString();
    }

    public void setResult(String name) {
        worsen(parse(name));
    }

    public String getCurrentResult() {
        return result().toString();
    }

    public boolean resultIsBetterOrEqualTo(String other) {
        return result().isBetterOrEqualTo(parse(other));
    }

    public boolean resultIsWorseOrEqualTo(String other) {
        Result o = parse(other);
        return result().isWorseThan(o) || result() == o;
    }

    public int getNumber() {
        return number;
    }

    public String getId() {
        return Integer.toString(number);
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    public String getFullDisplayName() {
        return jobName + " " + displayName;
    }

    public String getProjectName() {
        return jobName;
    }

    public String getFullProjectName() {
        return jobName;
    }

    public String getAbsoluteUrl() {
        return url;
    }

    public @CheckForNull String getDescription() {
        return description;
    }

    public void setDescription(@CheckForNull String description) {
        this.description = description;
    }

    Result result() {
        return result == null ? Result.SUCCESS : result;
    }

    void worsen(Result other) {
        if (result == null || other.isWorseThan(result)) {
            result = other;
        }
    }

    static Result parse(String name) {
        for (Result r : RESULTS) {
            if (r.toString().equalsIgnoreCase(String.valueOf(name).trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("Not a build result: '" + name + "' (one of " + RESULTS + ")");
    }
}
