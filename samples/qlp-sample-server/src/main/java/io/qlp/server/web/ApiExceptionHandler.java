package io.qlp.server.web;

import io.qlp.api.ErrorCode;
import io.qlp.api.QlpException;
import io.qlp.server.security.BodySizeFilter;
import io.qlp.server.security.RequestTooLargeException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception a controller raises into the one error shape: {@link QlpException}s by their code
 * ({@link QlpErrorMapping}), Spring's request errors as 400, 404, 405, 406, 413 and 415, and anything else as a
 * logged 500 whose body only says to quote the request id.
 *
 * <p>Example: a {@code CAPSULE_NOT_FOUND} becomes {@code 404 {"error":{"code":"capsule_not_found",...}}}.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Library errors. */
    @ExceptionHandler(QlpException.class)
    public ResponseEntity<String> qlp(QlpException e, HttpServletRequest request) {
        ApiError error = QlpErrorMapping.toApiError(e);
        if (e.errorCode() == io.qlp.api.ErrorCode.CONFIGURATION) {
            // Every request says the same until the operator configures a model: the message is the whole story.
            LOG.warn("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        } else if (error.status().is5xxServerError()) {
            LOG.warn("{} {} failed: {}", request.getMethod(), request.getRequestURI(), e.getMessage(), e);
        }
        return ErrorBodies.entity(request, error);
    }

    /** An unreadable body, or one over the size limit. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<String> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        RequestTooLargeException tooLarge = find(e, RequestTooLargeException.class);
        if (tooLarge != null) {
            return ErrorBodies.entity(request, BodySizeFilter.tooLarge(tooLarge.limit()));
        }
        return ErrorBodies.entity(request, ApiError.of(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST.code(),
                "the request body is missing or cannot be read"));
    }

    /** A wrong {@code Content-Type}. */
    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<String> unsupported(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return ErrorBodies.entity(request, new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ServerErrorCodes.UNSUPPORTED_MEDIA_TYPE, "send the body as application/json",
                Map.of("supported", e.getSupportedMediaTypes().toString()), null));
    }

    /** No acceptable answer type. */
    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<String> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return ErrorBodies.entity(request, ApiError.of(HttpStatus.NOT_ACCEPTABLE, ServerErrorCodes.NOT_ACCEPTABLE,
                "no acceptable representation; accept " + e.getSupportedMediaTypes()));
    }

    /** A path that does not take this method. */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<String> method(HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return ErrorBodies.entity(request, ApiError.of(HttpStatus.METHOD_NOT_ALLOWED, ServerErrorCodes.METHOD_NOT_ALLOWED,
                "method " + e.getMethod() + " is not allowed here"));
    }

    /** No such path. */
    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<String> notFound(Exception e, HttpServletRequest request) {
        return ErrorBodies.entity(request, ApiError.of(HttpStatus.NOT_FOUND, ServerErrorCodes.NOT_FOUND,
                "no such path"));
    }

    /** A missing or malformed query parameter or header. */
    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class,
        MissingRequestHeaderException.class})
    public ResponseEntity<String> badParameter(Exception e, HttpServletRequest request) {
        String name = e instanceof MissingServletRequestParameterException missing ? missing.getParameterName()
                : e instanceof MethodArgumentTypeMismatchException mismatch ? mismatch.getName()
                : ((MissingRequestHeaderException) e).getHeaderName();
        return ErrorBodies.entity(request, new ApiError(HttpStatus.BAD_REQUEST, ErrorCode.INVALID_REQUEST.code(),
                "parameter '" + name + "' is missing or malformed", Map.of("field", name), null));
    }

    /** An event stream that reached its timeout: the stream just ends. */
    @ExceptionHandler(AsyncRequestTimeoutException.class)
    public @Nullable ResponseEntity<String> asyncTimeout(AsyncRequestTimeoutException e) {
        return null;
    }

    /** A bug. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<String> bug(Exception e, HttpServletRequest request) {
        LOG.error("{} {} failed with an unexpected error", request.getMethod(), request.getRequestURI(), e);
        return ErrorBodies.entity(request, ApiError.of(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL.code(),
                "an internal error occurred; quote the request id when reporting it"));
    }

    private static <T extends Throwable> @Nullable T find(Throwable error, Class<T> type) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
