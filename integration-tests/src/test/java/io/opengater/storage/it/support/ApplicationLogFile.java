package io.opengater.storage.it.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import io.quarkus.test.common.PropertyTestUtil;

/** The log file of the application under an integration test. */
public final class ApplicationLogFile {

    private ApplicationLogFile() {
    }

    /** The whole file, read until it mentions {@code expected} (the REST client logs as it goes), for 5 s at most. */
    public static String readOnceItShows(String expected) throws Exception {
        Path file = Path.of(PropertyTestUtil.getLogFileLocation());
        String log = "";
        for (int attempt = 0; attempt < 50 && !log.contains(expected); attempt++) {
            Thread.sleep(100);
            log = Files.exists(file) ? Files.readString(file) : "";
        }
        assertTrue(log.contains(expected), file + " does not mention " + expected + ":\n" + log);
        return log;
    }
}
