package io.jenkins.plugins.awsrollout.engine.codedeploy;

/**
 * An AppSpec file given inline (an {@code AppSpecContent} revision).
 *
 * @param content the YAML or JSON text
 */
public record AppSpecText(String content) implements Revision {

    @Override
    public String describe() {
        return "inline AppSpec (" + content.length() + " characters, sha256 " + Hashes.sha256(content).substring(0, 12) + ")";
    }
}
