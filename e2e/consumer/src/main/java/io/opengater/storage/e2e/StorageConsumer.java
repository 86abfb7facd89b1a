package io.opengater.storage.e2e;

import java.time.Duration;

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
 * Uses both facades and a named client against a real service and exits 0 only if every outcome is the expected one.
 * With the argument {@code wrong-key} it expects the service to refuse the configured key.
 */
@QuarkusMain
public class StorageConsumer implements QuarkusApplication {

    /** Every call here takes milliseconds on loopback: a reactive result not there within a minute hangs. */
    private static final Duration PATIENCE = Duration.ofMinutes(1);

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
        System.out.println("E2E OK");
        return 0;
    }

    private static int fail(String why) {
        System.out.println("E2E FAILED: " + why);
        return 1;
    }
}
