package io.qlp.memory.qdrant;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.qdrant.client.grpc.QdrantGrpc;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckReply;
import io.qdrant.client.grpc.QdrantOuterClass.HealthCheckRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A Qdrant stand-in on a real TCP port of 127.0.0.1: a Netty gRPC server implementing the parts of Qdrant's
 * {@code Collections}, {@code Points} and {@code Qdrant} services that QLP uses, with the generated service bases from
 * the official client jar, so requests travel over HTTP/2 exactly as they would to Qdrant. Anything not modelled
 * answers {@code UNIMPLEMENTED}.
 *
 * <p>Like Qdrant started with an API key, it refuses calls without the right {@code api-key} header with
 * {@code PERMISSION_DENIED} ("Invalid api-key"). For failure tests it can answer the next calls with a given status,
 * or wait before answering every call.
 *
 * <p>Example:
 * <pre>{@code
 * try (LoopbackQdrant qdrant = LoopbackQdrant.start()) {
 *     MemoryStore store = QdrantMemoryStore.builder().url(qdrant.url()).build();
 * }
 * }</pre>
 */
public final class LoopbackQdrant implements AutoCloseable {

    /** The version the health check reports. */
    public static final String VERSION = "1.18.0-loopback";

    private static final Metadata.Key<String> API_KEY = Metadata.Key.of("api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final FakeQdrantData data = new FakeQdrantData();
    private final @Nullable String apiKey;
    private final ConcurrentLinkedQueue<String> receivedApiKeys = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> calledMethods = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Status> scriptedFailures = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedQueue<Status>> scriptedMethodFailures = new ConcurrentHashMap<>();
    private volatile Duration latency = Duration.ZERO;
    private final Server server;

    private LoopbackQdrant(@Nullable String apiKey) {
        this.apiKey = apiKey;
        ServerInterceptor gate = new Gate();
        server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .addService(ServerInterceptors.intercept(new FakeCollectionsService(data), gate))
                .addService(ServerInterceptors.intercept(new FakePointsService(data), gate))
                .addService(ServerInterceptors.intercept(new Health(), gate))
                .build();
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback Qdrant", e);
        }
    }

    /** A server that needs no API key. */
    public static LoopbackQdrant start() {
        return new LoopbackQdrant(null);
    }

    /** A server that refuses calls without {@code apiKey}. */
    public static LoopbackQdrant startWithApiKey(String apiKey) {
        return new LoopbackQdrant(apiKey);
    }

    /** The port on 127.0.0.1. */
    public int port() {
        return server.getPort();
    }

    /** The gRPC URL, {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    /** Every {@code api-key} header received, in order. */
    public List<String> receivedApiKeys() {
        return new ArrayList<>(receivedApiKeys);
    }

    /** Every method called, such as {@code qdrant.Points/Upsert}, in order. */
    public List<String> calledMethods() {
        return new ArrayList<>(calledMethods);
    }

    /** Makes the next call fail with {@code status} (calls queue up in order). */
    public void failNextCall(Status status) {
        scriptedFailures.add(status);
    }

    /**
     * Makes the next call of {@code method}, such as {@code qdrant.Points/CreateFieldIndex}, fail with {@code status}
     * (calls of that method queue up in order); other methods are answered as usual.
     */
    public void failNextCall(String method, Status status) {
        scriptedMethodFailures.computeIfAbsent(method, key -> new ConcurrentLinkedQueue<>()).add(status);
    }

    /** Waits this long before handling every following call. */
    public void latency(Duration latency) {
        this.latency = latency;
    }

    /** Stops listening and ends open calls. */
    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Gate implements ServerInterceptor {
        @Override
        public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                           ServerCallHandler<Q, R> next) {
            String method = call.getMethodDescriptor().getFullMethodName();
            calledMethods.add(method);
            String key = headers.get(API_KEY);
            if (key != null) {
                receivedApiKeys.add(key);
            }
            if (apiKey != null && !apiKey.equals(key)) {
                call.close(Status.PERMISSION_DENIED.withDescription("Invalid api-key"), new Metadata());
                return new ServerCall.Listener<>() { };
            }
            Duration wait = latency;
            if (!wait.isZero()) {
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ConcurrentLinkedQueue<Status> methodFailures = scriptedMethodFailures.get(method);
            Status failure = methodFailures == null ? null : methodFailures.poll();
            if (failure == null) {
                failure = scriptedFailures.poll();
            }
            if (failure != null) {
                call.close(failure, new Metadata());
                return new ServerCall.Listener<>() { };
            }
            return next.startCall(call, headers);
        }
    }

    private static final class Health extends QdrantGrpc.QdrantImplBase {
        @Override
        public void healthCheck(HealthCheckRequest request, StreamObserver<HealthCheckReply> observer) {
            observer.onNext(HealthCheckReply.newBuilder().setTitle("qdrant - vector search engine")
                    .setVersion(VERSION).build());
            observer.onCompleted();
        }
    }
}
