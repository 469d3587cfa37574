package io.jenkins.plugins.awsrollout.engine.aws;

import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * One build's view of the controller's pace for one API in its session's Region ({@link AwsSession#pacer}): the
 * shared {@link TokenBucket}, the engine's clock, and the build as the bucket's caller.
 *
 * <p>Calls made through {@link #write} and {@link #read} carry {@link #ENGINE_RETRIES}: the SDK does not retry them
 * when AWS throttles (its retries sleep on a worker thread, in real time); the engine does, by scheduling its next tick
 * at the instant the bucket gives ({@link Paced}).
 */
public final class Pacer {

    /**
     * The SDK retries these calls on connection failures and 5xx errors (quickly, up to 3 attempts) but never on
     * throttling, which {@link Pacer} answers on the engine's clock. Add to a request with
     * {@code .overrideConfiguration(Pacer.ENGINE_RETRIES)}.
     */
    public static final AwsRequestOverrideConfiguration ENGINE_RETRIES = AwsRequestOverrideConfiguration.builder()
            .addPlugin(config -> config.overrideConfiguration(c -> c.retryStrategy(transientOnly())))
            .build();

    private final PacedService service;
    private final TokenBucket bucket;
    private final Clock clock;
    private final Object caller;

    Pacer(PacedService service, TokenBucket bucket, Clock clock, Object caller) {
        this.service = service;
        this.bucket = bucket;
        this.clock = clock;
        this.caller = caller;
    }

    public PacedService service() {
        return service;
    }

    /** Up to {@code wanted} permits now, and when to come back for the rest ({@link TokenBucket#take}). */
    public TokenBucket.Grant take(int wanted) {
        return bucket.take(clock.instant(), wanted, this.caller);
    }

    /** Permits taken and not used. */
    public void giveBack(int permits) {
        bucket.giveBack(clock.instant(), permits);
    }

    /** Now, on the engine's clock. */
    public java.time.Instant now() {
        return clock.instant();
    }

    /** The configured writes per second. */
    public int perSecond() {
        return bucket.configured();
    }

    /**
     * One write, paced: with a permit now, else {@link Paced} until there is one; AWS's throttling of it is
     * {@link Paced} too (the tick runs again then, from its saved cursor, so the write must be idempotent, as every
     * write of the engine is). The request must carry {@link #ENGINE_RETRIES}.
     */
    public <T> T write(Supplier<T> call) {
        TokenBucket.Grant grant = take(1);
        if (grant.granted() == 0) {
            throw new Paced(service, grant.retryAt(), null);
        }
        return read(call);
    }

    /** One call without a permit (reads, which polling already spaces), whose throttling the engine retries. */
    public <T> T read(Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (AwsServiceException e) {
            if (e.isThrottlingException()) {
                throw refused(e);
            }
            throw e;
        }
        succeeded();
        return result;
    }

    /** AWS let a call through. */
    public void succeeded() {
        bucket.succeeded(clock.instant());
    }

    /** AWS throttled {@code e}'s call: the pace slows down, and the tick runs again when the bucket says. */
    public Paced refused(AwsServiceException e) {
        return new Paced(service, bucket.throttled(clock.instant()), e);
    }

    /**
     * AWS throttled one call of a round of calls for different resources ({@link TokenBucket#throttledAmong}): when it
     * may be made again.
     */
    public java.time.Instant refusedAmong() {
        return bucket.throttledAmong(clock.instant());
    }

    /** Whether {@code e} is AWS's throttling. */
    public static boolean throttling(Throwable e) {
        return e instanceof AwsServiceException aws && aws.isThrottlingException();
    }

    private static RetryStrategy transientOnly() {
        return DefaultRetryStrategy.standardStrategyBuilder()
                .maxAttempts(3)
                .retryOnException(Pacer::transientError)
                .build();
    }

    private static boolean transientError(Throwable e) {
        if (e instanceof AwsServiceException aws) {
            return !aws.isThrottlingException() && aws.statusCode() >= 500;
        }
        return e instanceof SdkClientException || (e instanceof SdkException sdk && sdk.retryable());
    }
}
