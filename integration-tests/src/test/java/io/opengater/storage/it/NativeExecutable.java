package io.opengater.storage.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a {@code -Pnative} build left behind, for the tests that need it.
 */
final class NativeExecutable {

    private NativeExecutable() {
    }

    /**
     * True when the tests were asked to run against a native executable that was not built (no GraalVM here): the
     * integration tests then skip themselves instead of failing.
     */
    static boolean requestedButMissing() {
        String path = System.getProperty("native.image.path");
        return path != null && !Files.isExecutable(Path.of(path));
    }

    /** The runner jar of the native build, which holds the generated native-image configuration. */
    static Optional<Path> nativeSourcesJar() {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(target, 2)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar"))
                    .filter(file -> file.getParent().getFileName().toString().startsWith("native-sources")
                            || file.getParent().getFileName().toString().endsWith("-native-image-source-jar"))
                    .findFirst();
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    static boolean noNativeSources() {
        return nativeSourcesJar().isEmpty();
    }
}
