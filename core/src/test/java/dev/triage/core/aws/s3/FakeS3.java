package dev.triage.core.aws.s3;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * An in-memory S3 for ListObjectsV2 and GetObject as AWS documents them: keys in UTF-8 binary order, Prefix,
 * MaxKeys (at most 1000 per page whatever is asked, fewer with {@link #pageCap}), IsTruncated with an opaque
 * NextContinuationToken, NoSuchBucket and NoSuchKey, AccessDenied for {@link #deniedBuckets}. Object bodies are
 * streamed; {@link #breakAfter} makes an object's body fail with an I/O error after some bytes. It records every
 * GetObject, and counts bodies closed and aborted.
 */
final class FakeS3 implements S3Client {

    int pageCap = 1000;
    final List<String> gets = new ArrayList<>();
    final List<ListObjectsV2Request> lists = new ArrayList<>();
    final List<String> deniedBuckets = new ArrayList<>();
    final Map<String, Integer> breakAfter = new HashMap<>();
    int closed;
    int aborted;
    private final Map<String, TreeMap<String, byte[]>> buckets = new HashMap<>();

    void createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new TreeMap<>());
    }

    void put(String bucket, String key, byte[] body) {
        buckets.get(bucket).put(key, body);
    }

    @Override
    public ListObjectsV2Response listObjectsV2(ListObjectsV2Request request) {
        lists.add(request);
        TreeMap<String, byte[]> bucket = bucket(request.bucket());
        int max = Math.min(pageCap, request.maxKeys() == null ? 1000 : Math.min(1000, request.maxKeys()));
        String prefix = request.prefix() == null ? "" : request.prefix();
        String after = request.continuationToken() == null
                ? request.startAfter()
                : new String(Base64.getDecoder().decode(request.continuationToken()), StandardCharsets.UTF_8);
        var tail = after == null ? bucket : bucket.tailMap(after, false);
        List<S3Object> contents = new ArrayList<>();
        String last = null;
        boolean truncated = false;
        for (var e : tail.entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                continue;
            }
            if (contents.size() == max) {
                truncated = true;
                break;
            }
            contents.add(S3Object.builder()
                    .key(e.getKey())
                    .size((long) e.getValue().length)
                    .build());
            last = e.getKey();
        }
        return ListObjectsV2Response.builder()
                .name(request.bucket())
                .prefix(prefix)
                .contents(contents)
                .keyCount(contents.size())
                .maxKeys(max)
                .isTruncated(truncated)
                .continuationToken(request.continuationToken())
                .nextContinuationToken(
                        truncated ? Base64.getEncoder().encodeToString(last.getBytes(StandardCharsets.UTF_8)) : null)
                .build();
    }

    @Override
    public <ReturnT> ReturnT getObject(
            GetObjectRequest request, ResponseTransformer<GetObjectResponse, ReturnT> transformer) {
        gets.add(request.key());
        byte[] body = bucket(request.bucket()).get(request.key());
        if (body == null) {
            throw (NoSuchKeyException) NoSuchKeyException.builder()
                    .awsErrorDetails(details("NoSuchKey", "The specified key does not exist."))
                    .statusCode(404)
                    .message("The specified key does not exist.")
                    .build();
        }
        Integer breakAt = breakAfter.get(request.key());
        InputStream in = new FilterInputStream(new ByteArrayInputStream(body)) {
            private int read;

            @Override
            public int read() throws IOException {
                check(1);
                int b = super.read();
                read += b < 0 ? 0 : 1;
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                check(length);
                int n = super.read(
                        buffer, offset, breakAt == null ? length : Math.min(length, Math.max(1, breakAt - read)));
                read += Math.max(n, 0);
                return n;
            }

            private void check(int length) throws IOException {
                if (breakAt != null && read >= breakAt) {
                    throw new IOException("Connection reset");
                }
            }

            @Override
            public void close() throws IOException {
                closed++;
                super.close();
            }
        };
        var response = GetObjectResponse.builder()
                .contentLength((long) body.length)
                .contentEncoding(null)
                .build();
        try {
            return transformer.transform(response, AbortableInputStream.create(in, () -> aborted++));
        } catch (Exception e) {
            throw SdkClientException.create("transforming the response", e);
        }
    }

    private TreeMap<String, byte[]> bucket(String name) {
        if (deniedBuckets.contains(name)) {
            throw (S3Exception) S3Exception.builder()
                    .awsErrorDetails(details("AccessDenied", "Access Denied"))
                    .statusCode(403)
                    .message("Access Denied")
                    .build();
        }
        TreeMap<String, byte[]> bucket = buckets.get(name);
        if (bucket == null) {
            throw (NoSuchBucketException) NoSuchBucketException.builder()
                    .awsErrorDetails(details("NoSuchBucket", "The specified bucket does not exist"))
                    .statusCode(404)
                    .message("The specified bucket does not exist")
                    .build();
        }
        return bucket;
    }

    private static AwsErrorDetails details(String code, String message) {
        return AwsErrorDetails.builder()
                .errorCode(code)
                .errorMessage(message)
                .serviceName("S3")
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {}
}
