package io.jenkins.plugins.awsrollout.sim.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Offset-based pagination with opaque tokens, shared by every Describe call. The token encodes
 * the offset into the (deterministically ordered) full result.
 *
 * @param items this page
 * @param nextToken the token for the next page, or null on the last page
 */
public record Paging<T>(List<T> items, String nextToken) {

    /**
     * One page of {@code all}.
     *
     * @param maxResults page size (null: {@code defaultSize})
     * @param token the token from the previous page (null: first page)
     * @param invalidToken the error to throw for a token this simulator did not issue
     */
    public static <T> Paging<T> page(List<T> all, Integer maxResults, String token, int defaultSize, SimError invalidToken) {
        int offset = 0;
        if (token != null && !token.isEmpty()) {
            try {
                String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
                if (!decoded.startsWith("offset:")) {
                    throw invalidToken;
                }
                offset = Integer.parseInt(decoded.substring("offset:".length()));
            } catch (IllegalArgumentException e) {
                throw invalidToken;
            }
        }
        int size = maxResults == null || maxResults <= 0 ? defaultSize : maxResults;
        int from = Math.min(offset, all.size());
        int to = (int) Math.min((long) from + size, all.size());
        String next = to < all.size()
                ? Base64.getEncoder().encodeToString(("offset:" + to).getBytes(StandardCharsets.UTF_8))
                : null;
        return new Paging<>(all.subList(from, to), next);
    }
}
