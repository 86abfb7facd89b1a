package io.opengater.storage.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a {@code -Pnative} build left behind, for the tests that need it. Under {@code -Pnative} the build sets
 * {@code native.image.path}; the CI sets {@code native.expected=true} when it built with a native-image toolchain,
 * and then nothing skips: a missing executable fails the tests.
 */
final class NativeExecutable {

    private NativeExecutable() {
    }

    /** True when the build was asked for a native executable ({@code -Pnative}). */
    static boolean requested() {
        return System.getProperty("native.image.path") != null;
    }

    /** True when the caller built with a native-image toolchain and a missing executable must fail the tests. */
    static boolean expected() {
        return Boolean.getBoolean("native.expected");
    }

    /** The native executable the build was asked for, if it is there. */
    static Optional<Path> runner() {
        return Optional.ofNullable(System.getProperty("native.image.path")).map(Path::of).filter(Files::isExecutable);
    }

    /**
     * True when the tests were asked to run against a native executable that was not built because there is no
     * native-image here, and none was expected: the integration tests then skip themselves instead of failing.
     */
    static boolean requestedButMissing() {
        return requested() && runner().isEmpty() && !expected();
    }

    /** The newest runner jar of a native build, which holds the generated native-image configuration. */
    static Optional<Path> nativeSourcesJar() {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.walk(target, 2)) {
            return files.filter(file -> file.getFileName().toString().endsWith("-runner.jar"))
                    .filter(file -> file.getParent().getFileName().toString().startsWith("native-sources")
                            || file.getParent().getFileName().toString().endsWith("-native-image-source-jar"))
                    .max(Comparator.comparing(NativeExecutable::modified));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True outside {@code -Pnative} builds, which generate no native sources: the registrations are not checked. */
    static boolean notANativeBuild() {
        return !requested();
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
