package io.opengater.storage.client.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The checked settings of a client: what they show, and that every check names its setting without the key. */
class ClientSettingsTest {

    private static final String KEY = "ogs-secret-key-0042";
    private static final String BASE_URL = "quarkus.opengater-storage.\"media\".base-url";
    private static final String API_KEY = "quarkus.opengater-storage.\"media\".api-key";

    private static ClientSettings settings(String baseUrl, String apiKey) {
        return ClientSettings.check("media", new DefaultConfig(baseUrl, apiKey), DefaultCredentials.NONE,
                ClientSettings.properties("media"));
    }

    @Test
    void toStringShowsTheAddressAndNeverTheKey() {
        String text = settings("http://storage:8000/base/", KEY).toString();

        assertFalse(text.contains(KEY), text);
        assertTrue(text.contains("apiKey=***"), text);
        assertTrue(text.contains("baseUri=http://storage:8000/base,"), text);
    }

    @Test
    void aCredentialsProviderTakesThePlaceOfTheKey() {
        ClientSettings settings = ClientSettings.check("media",
                new DefaultConfig("http://storage:8000", null),
                new DefaultCredentials("media-storage", "vault-credentials-provider"),
                ClientSettings.properties("media"));

        assertTrue(settings.keyFromCredentialsProvider());
        assertNull(settings.apiKey());
        assertTrue(settings.toString().contains("apiKey=<credentials provider>"), settings.toString());
    }

    @Test
    void aKeyAndACredentialsProviderStopTheStartNamingBoth() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> ClientSettings.check(
                "media", new DefaultConfig("http://storage:8000", KEY), new DefaultCredentials("media-storage", null),
                ClientSettings.properties("media")));

        assertEquals(API_KEY + " and quarkus.opengater-storage.\"media\".credentials-provider.name are both set, and"
                + " the key must come from one of them: leave " + API_KEY + " unset to read the key from the"
                + " credentials provider, or quarkus.opengater-storage.\"media\".credentials-provider.name unset to"
                + " use " + API_KEY, both.getMessage());
        assertFalse(both.getMessage().contains(KEY), both.getMessage());
    }

    @Test
    void aBuilderGivenAKeyAndACredentialsProviderNamesItsMethods() {
        ClientBuilder builder = new ClientBuilder(null);
        builder.baseUrl("http://storage:8000").apiKey(KEY).credentialsProviderName("media-storage");

        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> builder.settings(new DefaultConfig(null, null), DefaultCredentials.NONE));

        assertTrue(both.getMessage().startsWith("apiKey and credentialsProviderName are both set"),
                both.getMessage());
        assertFalse(both.getMessage().contains(KEY), both.getMessage());
    }

    @Test
    void neitherAKeyNorACredentialsProviderIsTheMissingKey() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> settings("http://storage:8000", null));

        assertEquals(API_KEY + " is not set (environment variable QUARKUS_OPENGATER_STORAGE__MEDIA__API_KEY): set it"
                + " to the service's API key", missing.getMessage());
    }

    @Test
    void aBeanNameWithoutTheCredentialsNameIsNamed() {
        IllegalArgumentException alone = assertThrows(IllegalArgumentException.class, () -> ClientSettings.check(
                "media", new DefaultConfig("http://storage:8000", KEY),
                new DefaultCredentials(null, "vault-credentials-provider"), ClientSettings.properties("media")));

        assertEquals("quarkus.opengater-storage.\"media\".credentials-provider.bean-name is set, but"
                + " quarkus.opengater-storage.\"media\".credentials-provider.name is not: set it to the name of the"
                + " credentials that hold the API key, or leave both unset", alone.getMessage());
    }

    @Test
    void blankCredentialsNamesAreNamed() {
        ClientBuilder blankName = new ClientBuilder(null);
        blankName.baseUrl("http://storage:8000").credentialsProviderName(" ");
        ClientBuilder blankBean = new ClientBuilder(null);
        blankBean.baseUrl("http://storage:8000").credentialsProviderName("media-storage")
                .credentialsProviderBeanName("");
        ClientBuilder blankEntry = new ClientBuilder(null);
        blankEntry.baseUrl("http://storage:8000").credentialsProviderName("media-storage")
                .credentialsProviderApiKeyKey("\t");
        DefaultConfig defaults = new DefaultConfig(null, null);

        assertEquals("credentialsProviderName must not be blank", assertThrows(IllegalArgumentException.class,
                () -> blankName.settings(defaults, DefaultCredentials.NONE)).getMessage());
        assertEquals("credentialsProviderBeanName must not be blank", assertThrows(IllegalArgumentException.class,
                () -> blankBean.settings(defaults, DefaultCredentials.NONE)).getMessage());
        assertEquals("credentialsProviderApiKeyKey must not be blank", assertThrows(IllegalArgumentException.class,
                () -> blankEntry.settings(defaults, DefaultCredentials.NONE)).getMessage());
    }

    @Test
    void anInvalidKeyIsNamedNotRepeated() {
        IllegalArgumentException failure = assertThrows(IllegalArgumentException.class,
                () -> settings("http://storage:8000", KEY + "\u00e9"));

        assertFalse(failure.getMessage().contains(KEY), failure.getMessage());
        assertEquals("quarkus.opengater-storage.\"media\".api-key must hold only visible ASCII characters (it is"
                + " sent as an HTTP header), but has another at index 19", failure.getMessage());
    }

    @Test
    void aBaseUrlKeepsItsPathWithoutTrailingSlashesAndALowerCaseScheme() {
        assertEquals(URI.create("http://opengater-storage:8000"),
                ClientSettings.baseUri(BASE_URL, "http://opengater-storage:8000"));
        assertEquals(URI.create("http://gw:8000/storage"),
                ClientSettings.baseUri(BASE_URL, "http://gw:8000/storage///"));
        assertEquals(URI.create("https://Storage.Example/base"),
                ClientSettings.baseUri(BASE_URL, "HTTPS://Storage.Example/base/"));
        assertEquals(URI.create("http://h:8000"), ClientSettings.baseUri(BASE_URL, " http://h:8000/ \n"));
        assertEquals(URI.create("http://[::1]:8000/a%20b"),
                ClientSettings.baseUri(BASE_URL, "http://[::1]:8000/a%20b"));
    }

    @Test
    void aBaseUrlMustBeAbsoluteHttpOrHttpsWithAHost() {
        assertEquals(BASE_URL + " is not set: give the address of the opengater-storage service, such as"
                + " http://opengater-storage:8000",
                assertThrows(IllegalArgumentException.class, () -> ClientSettings.baseUri(BASE_URL, null))
                        .getMessage());
        for (String value : List.of("ftp://storage/x", "opengater-storage:8000", "/storage", "http:///storage",
                "http:storage", "mailto:ops@example.com", "", "http://under_score:8000")) {
            assertEquals(BASE_URL + " must be an absolute http or https URL with a host, such as"
                    + " http://opengater-storage:8000, but was '" + value + "'",
                    assertThrows(IllegalArgumentException.class, () -> ClientSettings.baseUri(BASE_URL, value))
                            .getMessage());
        }
        assertEquals(BASE_URL + " must be an absolute http or https URL, such as http://opengater-storage:8000,"
                + " but 'http://h/a b' is malformed: Illegal character in path",
                assertThrows(IllegalArgumentException.class, () -> ClientSettings.baseUri(BASE_URL, "http://h/a b"))
                        .getMessage());
    }

    @Test
    void aBaseUrlHasNoQueryOrFragment() {
        for (String value : List.of("http://h/?a=1", "http://h?", "http://h/#top", "http://h#")) {
            assertEquals(BASE_URL + " must not have a query or a fragment, but was '" + value + "'",
                    assertThrows(IllegalArgumentException.class, () -> ClientSettings.baseUri(BASE_URL, value))
                            .getMessage());
        }
    }

    @Test
    void anApiKeyIsVisibleAsciiAndNeverRepeated() {
        assertEquals("ogs_KEY-0042.~!$", ClientSettings.apiKey(API_KEY, "ogs_KEY-0042.~!$"));
        assertEquals(API_KEY + " is not set: give the service's API key",
                assertThrows(IllegalArgumentException.class, () -> ClientSettings.apiKey(API_KEY, null)).getMessage());
        for (String blank : List.of("", " ", "\t\n")) {
            assertEquals(API_KEY + " must not be blank",
                    assertThrows(IllegalArgumentException.class, () -> ClientSettings.apiKey(API_KEY, blank))
                            .getMessage());
        }
        for (String spaced : List.of(" " + KEY, KEY + "\n", "\u2003" + KEY)) {
            assertEquals(API_KEY + " must not start or end with white space",
                    assertThrows(IllegalArgumentException.class, () -> ClientSettings.apiKey(API_KEY, spaced))
                            .getMessage());
        }
        String[][] invalid = { { "ogs secret", "3" }, { "ogs\u0000secret", "3" }, { "\u00a0" + KEY, "0" },
                { KEY + "\u007f", "19" }, { "ogs\ud83d\ude00", "3" } };
        for (String[] value : invalid) {
            assertEquals(API_KEY + " must hold only visible ASCII characters (it is sent as an HTTP header), but has"
                    + " another at index " + value[1],
                    assertThrows(IllegalArgumentException.class, () -> ClientSettings.apiKey(API_KEY, value[0]))
                            .getMessage());
        }
    }

    @Test
    void aMalformedAddressOrPortIsNamed() {
        IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
                () -> ClientSettings.baseUri(BASE_URL, "http://[::4444444444.1]/"));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                () -> ClientSettings.baseUri(BASE_URL, "http://storage:99999"));

        assertEquals(BASE_URL + " must be an absolute http or https URL, such as http://opengater-storage:8000, but"
                + " 'http://[::4444444444.1]/' is malformed: a malformed IP address", address.getMessage());
        assertEquals(BASE_URL + " must have a port between 1 and 65535, but was 'http://storage:99999'",
                port.getMessage());
    }

    @Test
    void anUploadMaxSizeMustBePositiveAndIsNamedAsTheUserSetIt() {
        for (long size : new long[] { 0, -1 }) {
            ClientBuilder built = new ClientBuilder(null);
            built.baseUrl("http://storage:8000").apiKey(KEY).uploadMaxSize(size);

            assertEquals("uploadMaxSize must be a positive size, such as 5G, was " + size + " bytes",
                    assertThrows(IllegalArgumentException.class, () -> built.settings(new DefaultConfig(null, null), DefaultCredentials.NONE))
                            .getMessage());
        }
        ClientBuilder built = new ClientBuilder(null);
        built.baseUrl("http://storage:8000").apiKey(KEY).uploadMaxSize(1);
        assertEquals(1, built.settings(new DefaultConfig(null, null), DefaultCredentials.NONE).config().upload().maxSize().asLongValue());
    }

    @Test
    void aMissingChecksumIsNamed() {
        ClientBuilder built = new ClientBuilder(null);
        built.baseUrl("http://storage:8000").apiKey(KEY).uploadChecksum(null);

        assertEquals("uploadChecksum must not be null: give MD5 or NONE",
                assertThrows(IllegalArgumentException.class, () -> built.settings(new DefaultConfig(null, null), DefaultCredentials.NONE))
                        .getMessage());
    }

    @Test
    void toStringShowsTheUploadSettings() {
        String text = settings("http://storage:8000", KEY).toString();

        assertTrue(text.contains("uploadChecksum=MD5, uploadMaxSize=5368709120, uploadRenewExpired=true"), text);
    }
}
