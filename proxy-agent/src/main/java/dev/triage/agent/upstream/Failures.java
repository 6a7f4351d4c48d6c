package dev.triage.agent.upstream;

import dev.triage.agent.upstream.UpstreamException.Kind;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ParseException;
import org.apache.hc.core5.http.RequestNotExecutedException;

/** Classifies why an attempt got no usable response, and whether the request may have been sent. */
final class Failures {

    private Failures() {}

    /**
     * @param dispatched whether the exchange reached the transport (a connection was leased and the
     *     request handed to it); when false the upstream cannot have received it
     */
    static UpstreamException classify(Throwable failure, boolean dispatched, String target) {
        Throwable cause = unwrap(failure);
        String detail = target + ": " + describe(cause);
        if (cause instanceof BoundedResponseConsumer.ResponseTooLargeException) {
            return new UpstreamException(Kind.RESPONSE_TOO_LARGE, detail, cause);
        }
        if (cause instanceof RequestNotExecutedException) {
            return new UpstreamException(Kind.RESET, false, detail, cause);
        }
        if (cause instanceof ConnectException
                || cause instanceof ConnectTimeoutException
                || cause instanceof UnknownHostException
                || cause instanceof NoRouteToHostException) {
            return new UpstreamException(Kind.CONNECT_FAILURE, false, detail, cause);
        }
        if (cause instanceof MessageConstraintException
                || cause instanceof HttpException
                || cause instanceof ParseException) {
            return new UpstreamException(Kind.PROTOCOL_ERROR, dispatched, detail, cause);
        }
        if (cause instanceof SocketTimeoutException
                || cause instanceof TimeoutException
                || cause instanceof CancellationException
                || cause instanceof InterruptedIOException) {
            return new UpstreamException(Kind.TIMEOUT, dispatched, detail, cause);
        }
        if (cause instanceof ConnectionClosedException
                || cause instanceof NoHttpResponseException
                || cause instanceof SocketException) {
            return new UpstreamException(Kind.RESET, dispatched, detail, cause);
        }
        if (cause instanceof java.io.IOException) {
            return new UpstreamException(Kind.RESET, dispatched, detail, cause);
        }
        return new UpstreamException(Kind.PROTOCOL_ERROR, dispatched, detail, cause);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        for (int i = 0;
                i < 5
                        && cause.getCause() != null
                        && (cause instanceof java.util.concurrent.ExecutionException
                                || cause instanceof java.util.concurrent.CompletionException);
                i++) {
            cause = cause.getCause();
        }
        return cause;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }
}
