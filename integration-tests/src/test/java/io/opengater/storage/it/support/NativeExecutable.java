package io.opengater.storage.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code -Pnative} build left behind, for the tests that need it. Under {@code -Pnative} the build sets
 * {@code native.image.path}; the CI sets {@code native.expected=true} when it built with a native-image toolchain,
 * and then nothing skips: a missing executable fails the tests.
 */
public final class NativeExecutable {

    private NativeExecutable() {
    }

    /** True when the build was asked for a native executable ({@code -Pnative}). */
    public static boolean requested() {
        return System.getProperty("native.image.path") != null;
    }

    /** True when the caller built with a native-image toolchain and a missing executable must fail the tests. */
    public static boolean expected() {
        return Boolean.getBoolean("native.expected");
    }

    /** The native executable the build was asked for, if it is there. */
    public static Optional<Path> runner() {
        return Optional.ofNullable(System.getProperty("native.image.path")).map(Path::of).filter(Files::isExecutable);
    }

    /**
     * True when the tests were asked to run against a native executable that was not built because there is no
     * native-image here, and none was expected: the integration tests then skip themselves instead of failing.
     */
    public static boolean requestedButMissing() {
        return requested() && runner().isEmpty() && !expected();
    }

    /**
     * The newest runner jar of a native build, which holds the generated native-image configuration. Only the
     * native build's own directories are listed: a walk of all of target/ also meets the test reports, which the
     * running failsafe writes and replaces meanwhile (a report gone between listing and reading failed the walk).
     */
    public static Optional<Path> nativeSourcesJar() {
        Path target = Path.of("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> directories = Files.newDirectoryStream(target,
                directory -> Files.isDirectory(directory) && isNativeSourcesDirectory(directory))) {
            for (Path directory : directories) {
                try (DirectoryStream<Path> runners = Files.newDirectoryStream(directory, "*-runner.jar")) {
                    runners.forEach(jars::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jars.stream().max(Comparator.comparing(NativeExecutable::modified));
    }

    private static boolean isNativeSourcesDirectory(Path directory) {
        String name = directory.getFileName().toString();
        return name.startsWith("native-sources") || name.endsWith("-native-image-source-jar");
    }

    /** True outside {@code -Pnative} builds, which generate no native sources: the registrations are not checked. */
    public static boolean notANativeBuild() {
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
