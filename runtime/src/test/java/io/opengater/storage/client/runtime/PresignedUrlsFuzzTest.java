package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The {@code upload_url} of a response: usable for a {@code PUT}, or a problem in words that leave its query out. */
class PresignedUrlsFuzzTest {

    @FuzzTest
    void problem(FuzzedDataProvider data) throws URISyntaxException {
        String url = data.consumeRemainingAsString();
        String problem = PresignedUrls.problem(url);
        if (problem == null) {
            URI uri = new URI(url);
            assertTrue(Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT)), url);
            assertNotNull(uri.getHost(), url);
            return;
        }
        int question = url.indexOf('?');
        String query = question < 0 ? "" : url.substring(question + 1);
        if (query.length() >= 4 && query.contains("=")) {
            assertFalse(problem.contains(query), problem);
        }
        assertTrue(problem.startsWith("is not ") || problem.equals("has no host"), problem);
    }
}
