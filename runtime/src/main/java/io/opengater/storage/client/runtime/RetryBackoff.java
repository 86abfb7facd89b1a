package io.opengater.storage.client.runtime;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import io.opengater.storage.client.StorageUnavailableException;
import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * The wait before each retry of one call: the first delay, doubled for each further retry, with up to 25 % of
 * random jitter, capped at the maximum; a {@code Retry-After} on a 429 or 503 response replaces it, up to the same
 * cap. Fault Tolerance makes one instance per guarded call.
 */
final class RetryBackoff implements CustomBackoffStrategy {

    private final long maxDelayMillis;
    private long nextDelayMillis;

    RetryBackoff(Duration firstDelay, Duration maxDelay) {
        this.maxDelayMillis = maxDelay.toMillis();
        this.nextDelayMillis = Math.min(firstDelay.toMillis(), maxDelayMillis);
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long base = nextDelayMillis;
        nextDelayMillis = Math.min(maxDelayMillis, base > maxDelayMillis / 2 ? maxDelayMillis : base * 2);
        if (cause instanceof StorageUnavailableException unavailable && unavailable.retryAfter().isPresent()
                && unavailable.statusCode() != null
                && (unavailable.statusCode() == 429 || unavailable.statusCode() == 503)) {
            Duration retryAfter = unavailable.retryAfter().get();
            // compared as durations: a Retry-After of years has more milliseconds than a long holds
            return retryAfter.compareTo(Duration.ofMillis(maxDelayMillis)) > 0 ? maxDelayMillis : retryAfter.toMillis();
        }
        long jitter = ThreadLocalRandom.current().nextLong(base / 4 + 1);
        return Math.min(maxDelayMillis, base + jitter);
    }
}
