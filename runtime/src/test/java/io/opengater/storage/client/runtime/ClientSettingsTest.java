package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The checked settings of a client: what they show, and that every check names its setting without the key. */
class ClientSettingsTest {

    private static final String KEY = "ogs-secret-key-0042";

    private static ClientSettings settings(String baseUrl, String apiKey) {
        return ClientSettings.check("media", new DefaultConfig(baseUrl, apiKey), ClientSettings.properties("media"));
    }

    @Test
    void toStringShowsTheAddressAndNeverTheKey() {
        String text = settings("http://storage:8000/base/", KEY).toString();

        assertFalse(text.contains(KEY), text);
        assertTrue(text.contains("apiKey=***"), text);
        assertTrue(text.contains("baseUri=http://storage:8000/base,"), text);
    }

    @Test
    void anInvalidKeyIsNamedNotRepeated() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> settings("http://storage:8000", KEY + "\u00e9"));

        assertFalse(failure.getMessage().contains(KEY), failure.getMessage());
        assertEquals("quarkus.opengater-storage.\"media\".api-key must hold only visible ASCII characters (it is"
                + " sent as an HTTP header), but has another at index 19", failure.getMessage());
    }
}
