package io.opengater.storage.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.inject.Inject;

import io.opengater.storage.client.ReactiveStorageClient;
import io.opengater.storage.client.StorageAuthException;
import io.opengater.storage.client.StorageClient;
import io.opengater.storage.client.StorageClientName;
import io.opengater.storage.client.StorageNotFoundException;
import io.opengater.storage.client.UploadResult;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Uses both facades and a named client against a real service and exits 0 only if every outcome is the expected one:
 * the bytes it uploads, blocking and reactively, are the ones S3Proxy then serves, with the signed Content-Type.
 * With the argument {@code wrong-key} it expects the service to refuse the configured key.
 */
@QuarkusMain
public class StorageConsumer implements QuarkusApplication {

    /** Every call here takes milliseconds on loopback: a reactive result or a GET not there within a minute hangs. */
    private static final Duration PATIENCE = Duration.ofMinutes(1);

    /** HTTP/1.1: uvicorn refuses the JDK client's h2c upgrade. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    @Inject
    StorageClient storage;

    @Inject
    ReactiveStorageClient reactiveStorage;

    /** Configured only by the environment when the application runs: the build saw no setting of it. */
    @Inject
    @StorageClientName("media")
    StorageClient media;

    @Override
    public int run(String... args) {
        if (args.length > 0 && args[0].equals("wrong-key")) {
            try {
                storage.createUpload("image/png");
                return fail("a wrong key was accepted");
            } catch (StorageAuthException expected) {
                System.out.println("refused as expected: " + expected.getMessage());
                return 0;
            }
        }
        UploadResult upload = storage.createUpload("image/png", "news/articles");
        System.out.println("created " + upload.key());
        if (!upload.key().startsWith("news/articles/") || !upload.key().endsWith(".png")
                || !upload.publicUrl().endsWith(upload.key())) {
            return fail("unexpected upload " + upload);
        }
        UploadResult reactiveUpload = reactiveStorage.createUpload("application/pdf").await().atMost(PATIENCE);
        System.out.println("created reactively " + reactiveUpload.key());
        if (reactiveUpload.key().contains("/") || !reactiveUpload.key().endsWith(".pdf")
                || !reactiveUpload.publicUrl().endsWith(reactiveUpload.key())) {
            return fail("unexpected reactive upload " + reactiveUpload);
        }

        UploadResult mediaUpload = media.createUpload("video/mp4", "clips");
        System.out.println("created through the named client " + mediaUpload.key());
        if (!mediaUpload.key().startsWith("clips/")) {
            return fail("unexpected upload of the named client " + mediaUpload);
        }
        media.deleteByKey(mediaUpload.key());

        storage.deleteByKey(upload.key());
        System.out.println("deleted " + upload.key());
        try {
            storage.deleteByKey(upload.key());
            return fail("a deleted key was deleted again");
        } catch (StorageNotFoundException expected) {
            System.out.println("second delete: " + expected.getMessage());
        }
        reactiveStorage.deleteByPublicUrl(reactiveUpload.publicUrl()).await().atMost(PATIENCE);
        System.out.println("deleted reactively " + reactiveUpload.publicUrl());
        try {
            reactiveStorage.deleteByPublicUrl(reactiveUpload.publicUrl()).await().atMost(PATIENCE);
            return fail("a second reactive delete of the same public URL succeeded: the first removed nothing");
        } catch (StorageNotFoundException expected) {
            System.out.println("second reactive delete: " + expected.getMessage());
        }

        byte[] bytes = randomBytes(1024 * 1024 + 1);
        UploadResult uploaded = storage.upload(bytes, "image/png", "e2e/blocking");
        System.out.println("uploaded " + uploaded.key());
        String problem = storedProblem(uploaded, "e2e/blocking/", ".png", bytes, "image/png");
        if (problem != null) {
            return fail("the upload: " + problem);
        }
        byte[] reactiveBytes = randomBytes(512 * 1024 + 3);
        UploadResult reactivelyUploaded = reactiveStorage.upload(reactiveBytes, "application/pdf", "e2e/reactive")
                .await().atMost(PATIENCE);
        System.out.println("uploaded reactively " + reactivelyUploaded.key());
        problem = storedProblem(reactivelyUploaded, "e2e/reactive/", ".pdf", reactiveBytes, "application/pdf");
        if (problem != null) {
            return fail("the reactive upload: " + problem);
        }

        storage.deleteByKey(uploaded.key());
        reactiveStorage.deleteByKey(reactivelyUploaded.key()).await().atMost(PATIENCE);
        for (UploadResult deleted : List.of(uploaded, reactivelyUploaded)) {
            int status = get(deleted.publicUrl()).statusCode();
            if (status != 404) {
                return fail("S3Proxy still serves the deleted " + deleted.key() + ": HTTP " + status);
            }
        }
        System.out.println("deleted both uploads from S3Proxy");
        System.out.println("E2E OK");
        return 0;
    }

    /**
     * @return null if the result names an object under {@code prefix} with the {@code extension}, and its public URL
     *         serves exactly {@code bytes} as {@code contentType}; else what differs
     */
    private static String storedProblem(UploadResult result, String prefix, String extension, byte[] bytes,
            String contentType) {
        if (!result.key().startsWith(prefix) || !result.key().endsWith(extension)
                || !result.publicUrl().endsWith(result.key())) {
            return "unexpected result " + result;
        }
        HttpResponse<byte[]> served = get(result.publicUrl());
        if (served.statusCode() != 200) {
            return "GET " + result.publicUrl() + " answered HTTP " + served.statusCode();
        }
        if (!Arrays.equals(bytes, served.body())) {
            return "S3Proxy serves " + served.body().length + " bytes that are not the " + bytes.length
                    + " given to upload";
        }
        String servedType = served.headers().firstValue("Content-Type").orElse(null);
        if (!contentType.equals(servedType)) {
            return "S3Proxy serves the object as " + servedType + ", not " + contentType;
        }
        System.out.println("  " + result.publicUrl() + " redirected to " + served.uri().toString().split("\\?")[0]
                + ", which served the " + bytes.length + " bytes uploaded, as " + servedType);
        return null;
    }

    /** A GET of a public URL; the stand-in redirects it to a presigned GET of S3Proxy. */
    private static HttpResponse<byte[]> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static int fail(String why) {
        System.out.println("E2E FAILED: " + why);
        return 1;
    }
}
