package io.jenkins.plugins.awsrollout.engine.ami;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which older AMIs of an image to deregister: everything beyond the newest {@code keep}, except the AMIs a bake must
 * never touch (the one it produced or reused, its source) and those a launch template version still names, since an
 * Auto Scaling group launching from that version would fail.
 */
public final class Retention {

    private Retention() {}

    /**
     * An AMI that retention may deregister, with the snapshots to delete after it.
     *
     * @param imageId the AMI
     * @param name its name
     * @param created its creation date
     * @param snapshotIds the snapshots behind its block devices
     */
    public record Candidate(String imageId, String name, Instant created, List<String> snapshotIds) implements Serializable {
        public Candidate {
            snapshotIds = List.copyOf(snapshotIds);
        }
    }

    /**
     * What to do.
     *
     * @param retire the AMIs to deregister, oldest first
     * @param kept the AMIs beyond the newest {@code keep} that stay, with the reason (for the log)
     */
    public record Plan(List<Candidate> retire, Map<String, String> kept) {}

    /**
     * The AMIs beyond the newest {@code keep}, newest first, leaving out those in {@code never}. The newest
     * {@code keep} include the AMIs in {@code never}: a bake that keeps 3 leaves its own AMI and the 2 before it.
     */
    public static List<Candidate> beyondNewest(List<Candidate> images, int keep, Set<String> never) {
        List<Candidate> sorted = new ArrayList<>(images);
        // Newest first; the id breaks ties so that the choice does not depend on the order AWS lists them in.
        sorted.sort(Comparator.comparing(Candidate::created).reversed().thenComparing(Candidate::imageId));
        List<Candidate> beyond = new ArrayList<>();
        int kept = 0;
        for (Candidate image : sorted) {
            if (kept < keep) {
                kept++;
            } else if (!never.contains(image.imageId())) {
                beyond.add(image);
            }
        }
        return beyond;
    }

    /**
     * The plan for {@code beyond} (from {@link #beyondNewest}) given which of them launch template versions name.
     *
     * @param referencedBy AMI id to the first launch template version naming it, e.g. {@code lt-0abc (web) version 3}
     */
    public static Plan plan(List<Candidate> beyond, Map<String, String> referencedBy) {
        List<Candidate> retire = new ArrayList<>();
        Map<String, String> kept = new LinkedHashMap<>();
        for (Candidate image : beyond) {
            String reference = referencedBy.get(image.imageId());
            if (reference == null) {
                retire.add(0, image);
            } else {
                kept.put(image.imageId(), "still used by launch template " + reference);
            }
        }
        return new Plan(List.copyOf(retire), Map.copyOf(kept));
    }
}
