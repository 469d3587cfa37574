package io.jenkins.plugins.awsrollout.engine.ami;

import io.jenkins.plugins.awsrollout.engine.OperationFailedException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How to find the source AMI when it is not given by id: the newest available AMI whose name matches
 * {@code name} (EC2 wildcards {@code *} and {@code ?}), owned by one of {@code owners}, carrying all of
 * {@code tags}; deprecated AMIs only when {@code includeDeprecated}.
 *
 * <p>Owners default to {@code self}: a name pattern alone would also match public AMIs anyone can publish under
 * a look-alike name.
 *
 * @param name the name pattern
 * @param owners {@code self}, {@code amazon}, {@code aws-marketplace} or account ids
 * @param tags tags the AMI must carry
 * @param includeDeprecated whether deprecated AMIs may be chosen
 */
public record AmiFilter(String name, List<String> owners, Map<String, String> tags, boolean includeDeprecated)
        implements Serializable {

    private static final Pattern OWNER = Pattern.compile("self|amazon|aws-marketplace|aws-backup-vault|\\d{12}");

    public AmiFilter {
        if (name == null || name.isBlank()) {
            throw new OperationFailedException("Invalid sourceAmiFilter: give the name pattern of the source AMI, "
                    + "for example base-al2023-*.");
        }
        name = name.trim();
        owners = KeyValues.entries(owners).isEmpty() ? List.of("self") : List.copyOf(KeyValues.entries(owners));
        for (String owner : owners) {
            if (!OWNER.matcher(owner).matches()) {
                throw new OperationFailedException("Invalid sourceAmiFilter owner '" + owner
                        + "': use self, amazon, aws-marketplace or a 12-digit account id.");
            }
        }
        tags = tags == null ? Map.of() : tags;
    }

    /** The filter as the log shows it: {@code name base-al2023-*, owners self, tags Team=web}. */
    public String describe() {
        StringBuilder out = new StringBuilder("name ").append(name).append(", owners ").append(String.join(" ", owners));
        if (!tags.isEmpty()) {
            out.append(", tags ");
            tags.forEach((k, v) -> out.append(k).append('=').append(v).append(' '));
            out.setLength(out.length() - 1);
        }
        return out.append(includeDeprecated ? ", deprecated included" : "").toString();
    }
}
