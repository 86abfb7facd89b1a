package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Set;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** A configured {@code base-url}: refused only with a message naming the property, or a usable base. */
class ClientSettingsFuzzTest {

    private static final String SETTING = "quarkus.opengater-storage.\"media\".base-url";

    @FuzzTest
    void baseUri(FuzzedDataProvider data) {
        String value = data.consumeRemainingAsString();
        URI uri;
        try {
            uri = ClientSettings.baseUri(SETTING, value);
        } catch (IllegalArgumentException refused) {
            assertTrue(refused.getMessage().startsWith(SETTING + " "), refused::getMessage);
            return;
        }
        assertTrue(uri.isAbsolute(), uri::toString);
        assertTrue(Set.of("http", "https").contains(uri.getScheme()), uri::toString);
        assertNotNull(uri.getHost(), uri::toString);
        assertNull(uri.getRawQuery(), uri::toString);
        assertNull(uri.getRawFragment(), uri::toString);
        assertFalse(uri.getRawPath().endsWith("/"), uri::toString);
        assertEquals(uri, ClientSettings.baseUri(SETTING, uri.toString()), "checked twice");
    }
}
