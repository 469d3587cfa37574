package io.jenkins.plugins.awsrollout.sim;

import java.util.Random;

/** Deterministic AWS-shaped ids from a seeded random: the same world and calls give the same ids. */
public final class Ids {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".toCharArray();
    private final Random random;

    Ids(long seed) {
        this.random = new Random(seed);
    }

    /** {@code prefix} + 17 hex digits, e.g. {@code i-0a1b2c3d4e5f67890}. */
    public synchronized String hex17(String prefix) {
        return prefix + chars(HEX, 17);
    }

    /** {@code prefix} + n hex digits. */
    public synchronized String hex(String prefix, int n) {
        return prefix + chars(HEX, n);
    }

    /** {@code prefix} + n upper-case letters and digits, e.g. access key ids. */
    public synchronized String upper(String prefix, int n) {
        return prefix + chars(UPPER, n);
    }

    /** A UUID-shaped id (instance refreshes, activities). */
    public synchronized String uuid() {
        return chars(HEX, 8) + "-" + chars(HEX, 4) + "-4" + chars(HEX, 3) + "-a" + chars(HEX, 3) + "-" + chars(HEX, 12);
    }

    private String chars(char[] alphabet, int n) {
        char[] out = new char[n];
        for (int i = 0; i < n; i++) {
            out[i] = alphabet[random.nextInt(alphabet.length)];
        }
        return new String(out);
    }
}
