package io.opengater.storage.it;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.sessions.JqwikSession;

/**
 * jqwik's generators, sampled inside {@code @QuarkusTest} methods (jqwik's own {@code @Property} runner knows nothing
 * of Quarkus), from a session with a known seed: a fixed one by default, so that every build tries the same inputs,
 * {@code -Dfuzz.seed=<n>} to replay a run, {@code -Dfuzz.seed=random} to explore.
 */
final class FuzzSamples {

    static final String DEFAULT_SEED = "20261125";

    private FuzzSamples() {
    }

    static <T> List<T> of(Arbitrary<T> arbitrary, int count) {
        String seed = System.getProperty("fuzz.seed", DEFAULT_SEED);
        if ("random".equals(seed)) {
            seed = Long.toString(ThreadLocalRandom.current().nextLong());
        }
        System.out.println("FUZZ seed " + seed + " (replay with -Dfuzz.seed=" + seed + ")");
        JqwikSession.start(seed);
        try {
            return arbitrary.sampleStream().limit(count).toList();
        } finally {
            JqwikSession.finish();
        }
    }
}
