package io.qlp.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Finding;
import io.qlp.api.ValidationReport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Checks shared by the hostile-capsule tests of every language.
 *
 * <p>Example: {@code assertThat(HostileChecks.onlyError(report).message()).contains("timed out");}
 */
final class HostileChecks {

    private HostileChecks() {
    }

    /** The single error of a failed report. */
    static Finding onlyError(ValidationReport report) {
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).hasSize(1);
        return report.errors().get(0);
    }

    /** {@code text} as a single-quoted string literal, the same in Python and JavaScript. */
    static String singleQuoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Whether anything connected to {@code server} before its accept timeout. */
    static boolean acceptedSomething(ServerSocket server) throws IOException {
        try (Socket ignored = server.accept()) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
