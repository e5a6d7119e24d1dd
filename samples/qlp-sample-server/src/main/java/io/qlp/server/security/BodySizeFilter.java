package io.qlp.server.security;

import io.qlp.server.web.ApiError;
import io.qlp.server.web.ErrorBodies;
import io.qlp.server.web.ServerErrorCodes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 for a body over the limit: at once when {@code Content-Length} says so, else (chunked bodies) as soon
 * as reading passes the limit, through {@link RequestTooLargeException}.
 *
 * <p>Example: {@code new BodySizeFilter(1024 * 1024)}
 */
public final class BodySizeFilter extends OncePerRequestFilter {

    private final long maxBytes;

    /** A filter allowing bodies of at most {@code maxBytes}. */
    public BodySizeFilter(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** The answer for a body over {@code limit} bytes. */
    public static ApiError tooLarge(long limit) {
        return new ApiError(HttpStatus.CONTENT_TOO_LARGE, ServerErrorCodes.REQUEST_TOO_LARGE,
                "the request body is larger than the limit of " + limit + " bytes", Map.of("limit_bytes", limit),
                null);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            // Tomcat would read and discard the body; closing the connection spares it.
            response.setHeader("Connection", "close");
            ErrorBodies.write(request, response, tooLarge(maxBytes));
            return;
        }
        chain.doFilter(new Limited(request, maxBytes), response);
    }

    /** A request whose body stream fails once more than the limit was read. */
    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public synchronized ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream delegate;
        private final long limit;
        private long read;

        CountingStream(ServletInputStream delegate, long limit) {
            this.delegate = delegate;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int value = delegate.read();
            if (value >= 0) {
                count(1);
            }
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws RequestTooLargeException {
            read += n;
            if (read > limit) {
                throw new RequestTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
