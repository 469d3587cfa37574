package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.HumanDuration;
import io.jenkins.plugins.awsrollout.engine.ami.BakeCursor.RegionImage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What {@code awsBakeAmi} returns: plain strings, numbers, booleans, lists and maps. */
final class BakeResult {

    private BakeResult() {}

    static Map<String, Object> of(BakeCursor cursor, Instant now) {
        Map<String, String> amis = new LinkedHashMap<>();
        for (RegionImage image : cursor.images()) {
            amis.put(image.region(), image.imageId());
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("amiId", cursor.mainImage().imageId());
        result.put("amiName", cursor.amiName());
        result.put("amis", amis);
        result.put("snapshotIds", new ArrayList<>(cursor.mainImage().snapshotIds()));
        result.put("sourceAmiId", cursor.sourceAmiId());
        result.put("bakeKey", cursor.bakeKey());
        result.put("reused", cursor.reused());
        result.put("durationSeconds", Duration.between(cursor.startedAt(), now).toSeconds());
        return result;
    }

    /** The last log line: {@code ami-0abc (web-42) in us-east-1, eu-west-1 after 14m20s}. */
    static String summary(BakeCursor cursor, Instant now) {
        String regions = cursor.images().stream()
                .map(i -> i.region() + (i == cursor.mainImage() ? "" : " " + i.imageId()))
                .collect(Collectors.joining(", "));
        return (cursor.reused() ? "reused " : "baked ") + cursor.mainImage().imageId() + " (" + cursor.amiName() + ") in "
                + regions + " after " + HumanDuration.of(Duration.between(cursor.startedAt(), now));
    }
}
