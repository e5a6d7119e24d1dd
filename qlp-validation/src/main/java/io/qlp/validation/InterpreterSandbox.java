package io.qlp.validation;

import io.qlp.api.Finding;
import io.qlp.api.Severity;
import io.qlp.api.StageResult;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.Sandbox;
import io.qlp.validation.internal.ConfinedCommand;
import io.qlp.validation.internal.UserSwitch;
import io.qlp.validation.internal.script.ScratchFolder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Where a script validator (Python, JavaScript) runs its interpreter, and as whom. A {@link LocalProcessSandbox} that
 * drops privileges runs capsule code as an unprivileged user of its own. When that user cannot run the interpreter
 * (it lives under root's home, as pyenv's and nvm's do, or has pytest only there), the same confinement runs as the
 * host's user instead: that is logged once per interpreter and said by a warning finding in every report, as is
 * capsule code that runs as root because this machine cannot switch users. Any other sandbox is used as given.
 *
 * <p>Example:
 * <pre>{@code
 * InterpreterSandbox runs = InterpreterSandbox.choose(sandbox, python.executable(), python.usableBySandboxUser(), "");
 * SandboxResult result = runs.forScratch(scratch).run(request);
 * ValidationReport report = runs.report(stages);
 * }</pre>
 */
final class InterpreterSandbox {

    /** The rule of the warning finding that says capsule code ran as the host's user. */
    static final String HOST_USER_RULE = "sandbox.host-user";

    private static final System.Logger LOG = System.getLogger(InterpreterSandbox.class.getName());
    private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

    private final Sandbox sandbox;
    private final @Nullable String hostUserNote;

    private InterpreterSandbox(Sandbox sandbox, @Nullable String hostUserNote) {
        this.sandbox = sandbox;
        this.hostUserNote = hostUserNote;
    }

    /**
     * The sandbox for {@code interpreter}.
     *
     * @param configured the validator's sandbox
     * @param usableBySandboxUser whether an unprivileged user of its own can run the interpreter with what the
     *     validator needs
     * @param remedy what to do about an interpreter that user cannot run, appended to the note
     */
    static InterpreterSandbox choose(Sandbox configured, Path interpreter, boolean usableBySandboxUser, String remedy) {
        if (!(configured instanceof LocalProcessSandbox local) || !local.options().switchUser()) {
            return new InterpreterSandbox(configured, null);
        }
        UserSwitch users = UserSwitch.detect();
        if (!users.available()) {
            // An ordinary user running QLP is expected; root without setpriv is worth saying.
            return new InterpreterSandbox(local, UserSwitch.isRoot() ? "capsule code ran as root, the host's user: "
                    + users.unavailableReason() + "; the process-count limit does not apply to root" : null);
        }
        if (usableBySandboxUser) {
            return new InterpreterSandbox(local, null);
        }
        String note = "capsule code ran as the host's user" + (UserSwitch.isRoot() ? " (root)" : "")
                + ", not as an unprivileged user of its own: that user cannot run " + interpreter + remedy;
        if (LOGGED.add(interpreter.toString())) {
            LOG.log(System.Logger.Level.WARNING, note);
        }
        return new InterpreterSandbox(local.asHostUser(), note);
    }

    /** The sandbox for runs that share no files with other runs. */
    Sandbox sandbox() {
        return sandbox;
    }

    /**
     * The sandbox for the runs of one validation in {@code scratch}: when it switches users, every run is made as one
     * user of its own, which is handed the whole folder (the capsule and the run folder beside it) before each run.
     */
    Sandbox forScratch(ScratchFolder scratch) {
        if (sandbox instanceof LocalProcessSandbox local && local.switchesUsers()) {
            return local.sharingUser(UserSwitch.nextUid(), scratch::handOver);
        }
        return sandbox;
    }

    /** As {@link #forScratch(ScratchFolder)}, as {@code uid} when given: the user a warm process of it runs as. */
    Sandbox forScratch(ScratchFolder scratch, OptionalInt uid) {
        if (uid.isPresent() && sandbox instanceof LocalProcessSandbox local && local.switchesUsers()) {
            return local.sharingUser(uid.getAsInt(), scratch::handOver);
        }
        return forScratch(scratch);
    }

    /** The confinement of warm processes, when the sandbox is the local one. */
    Optional<ConfinedCommand.Options> warmConfinement() {
        return sandbox instanceof LocalProcessSandbox local ? Optional.of(local.options()) : Optional.empty();
    }

    /** The report of {@code stages}, with the host-user warning on its last stage when capsule code ran so. */
    ValidationReport report(List<StageResult> stages) {
        if (hostUserNote == null || stages.isEmpty()) {
            return new ValidationReport(stages);
        }
        List<StageResult> noted = new ArrayList<>(stages);
        StageResult last = noted.remove(noted.size() - 1);
        List<Finding> findings = new ArrayList<>(last.findings());
        findings.add(new Finding(last.name(), Severity.WARNING, null, 0, 0, HOST_USER_RULE, hostUserNote));
        noted.add(new StageResult(last.name(), last.passed(), findings, last.millis()));
        return new ValidationReport(noted);
    }
}
