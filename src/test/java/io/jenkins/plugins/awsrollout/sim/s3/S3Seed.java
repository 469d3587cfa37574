package io.jenkins.plugins.awsrollout.sim.s3;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.awsrollout.sim.Cloud;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The {@code s3} section of a world file ({@code {"buckets": [...]}}), and
 * {@link io.jenkins.plugins.awsrollout.sim.World.Builder#s3Bucket}: buckets with objects, present
 * at time zero.
 */
public final class S3Seed {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    List<BucketSeed> buckets = new ArrayList<>();

    /** A bucket and its objects. */
    public static final class BucketSeed {
        String name;
        /** Null: the world's default region. */
        String region;
        boolean versioned;
        List<ObjectSeed> objects = new ArrayList<>();

        public BucketSeed region(String value) { region = value; return this; }
        public BucketSeed versioned(boolean value) { versioned = value; return this; }

        /** An object with text content. */
        public BucketSeed object(String key, String content) {
            ObjectSeed seed = new ObjectSeed();
            seed.key = key;
            seed.content = content;
            objects.add(seed);
            return this;
        }

        /** An object with binary content (a real zip, say). */
        public BucketSeed object(String key, byte[] content) {
            ObjectSeed seed = new ObjectSeed();
            seed.key = key;
            seed.contentBase64 = Base64.getEncoder().encodeToString(content);
            objects.add(seed);
            return this;
        }
    }

    /** An object: text {@code content}, or {@code contentBase64} for bytes. */
    public static final class ObjectSeed {
        String key;
        String content;
        String contentBase64;
        String contentType = "application/zip";
    }

    public static S3Seed bucket(String name, java.util.function.Consumer<BucketSeed> configure) {
        BucketSeed bucket = new BucketSeed();
        bucket.name = name;
        configure.accept(bucket);
        S3Seed seed = new S3Seed();
        seed.buckets.add(bucket);
        return seed;
    }

    /** The world-file reader registered in {@code WorldSections}. */
    public static void seed(Cloud cloud, JsonNode section) {
        try {
            MAPPER.treeToValue(section, S3Seed.class).seed(cloud);
        } catch (IOException e) {
            throw new UncheckedIOException("world file: s3: " + e.getMessage(), e);
        }
    }

    /** Creates the buckets and objects (under the world lock). */
    public void seed(Cloud cloud) {
        S3Store store = S3Store.of(cloud);
        for (BucketSeed seed : buckets) {
            Bucket bucket = store.create(seed.name, seed.region == null ? cloud.defaultRegion().name() : seed.region, seed.versioned);
            for (ObjectSeed object : seed.objects) {
                byte[] content = object.contentBase64 != null ? Base64.getDecoder().decode(object.contentBase64)
                        : (object.content == null ? "" : object.content).getBytes(StandardCharsets.UTF_8);
                store.put(bucket, object.key, content, object.contentType, null, null, Map.of(), Map.of());
            }
        }
    }
}
