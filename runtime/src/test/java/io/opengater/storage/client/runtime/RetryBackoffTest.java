package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import io.opengater.storage.client.StorageException;
import io.opengater.storage.client.StorageUnavailableException;

/** The waits between retries: doubled from the first delay, with up to 25 % jitter, capped; Retry-After honoured. */
class RetryBackoffTest {

    private static final StorageException NO_RESPONSE = StorageUnavailableException.withoutResponse("POST /uploads",
            "timed out after 30s", null);

    private static StorageUnavailableException status(int status, Duration retryAfter) {
        return new StorageUnavailableException("POST /uploads", status, null, retryAfter, null);
    }

    @RepeatedTest(20)
    void eachWaitDoublesWithAtMostAQuarterOfJitterUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(1));

        long[] bases = { 200, 400, 800, 1000, 1000 };
        for (long base : bases) {
            long wait = backoff.nextDelayInMillis(NO_RESPONSE);
            assertTrue(wait >= base && wait <= Math.min(1000, base + base / 4), "base " + base + ", waited " + wait);
        }
    }

    @Test
    void aRetryAfterOn429Or503ReplacesTheWaitUpToTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));

        assertEquals(3_000, backoff.nextDelayInMillis(status(503, Duration.ofSeconds(3))));
        assertEquals(1_500, backoff.nextDelayInMillis(status(429, Duration.ofMillis(1_500))));
        assertEquals(5_000, backoff.nextDelayInMillis(status(503, Duration.ofMinutes(10))));
        assertEquals(0, backoff.nextDelayInMillis(status(429, Duration.ZERO)));
    }

    @Test
    void aRetryAfterOnAnotherStatusIsNotHonoured() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));

        long wait = backoff.nextDelayInMillis(status(502, Duration.ofSeconds(4)));

        assertTrue(wait >= 200 && wait <= 250, "waited " + wait);
    }

    @Test
    void aFirstDelayAboveTheCapIsTheCap() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofSeconds(9), Duration.ofSeconds(2));

        assertEquals(2_000, backoff.nextDelayInMillis(NO_RESPONSE));
        assertEquals(2_000, backoff.nextDelayInMillis(NO_RESPONSE));
    }
}
