package io.qlp.server.web;

import io.qlp.api.ErrorCode;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's {@code /error} page (which would show the path and exception class) with the one error
 * shape, for errors raised outside controllers, such as by the servlet container.
 *
 * <p>Example: a malformed request line answered by Tomcat gets {@code {"error":{"code":"invalid_request",...}}}.
 */
@RestController
public class ServerErrorController implements ErrorController {

    /** The container's error, reshaped. */
    @RequestMapping("/error")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        String wireCode = switch (status) {
            case NOT_FOUND -> ServerErrorCodes.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ServerErrorCodes.METHOD_NOT_ALLOWED;
            case CONTENT_TOO_LARGE -> ServerErrorCodes.REQUEST_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ServerErrorCodes.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is4xxClientError() ? ErrorCode.INVALID_REQUEST.code() : ErrorCode.INTERNAL.code();
        };
        String message = status.is5xxServerError()
                ? "an internal error occurred; quote the request id when reporting it" : status.getReasonPhrase();
        return ErrorBodies.entity(request, ApiError.of(status, wireCode, message));
    }
}
