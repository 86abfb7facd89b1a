package io.opengater.storage.client;

/**
 * Whether {@code upload(...)} has the storage host verify the bytes it received: the
 * {@code quarkus.opengater-storage.upload.checksum} property ({@code md5} or {@code none}) and
 * {@link StorageClientBuilder#uploadChecksum(UploadChecksum)}.
 */
public enum UploadChecksum {

    /**
     * Uploads of a file or of bytes in memory send {@code Content-MD5}, the MD5 of the body computed before
     * {@code POST /uploads}; S3 (and the embedded storage) store nothing and answer {@code 400 BadDigest} when the
     * bytes they received differ, which the client reports as a {@link StorageBadRequestException}. An upload from an
     * {@code InputStream} sends none: its bytes are known only as they are sent.
     */
    MD5,

    /** No checksum is sent: the storage host only checks the length. */
    NONE
}
