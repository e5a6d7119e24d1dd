package io.qlp.validation.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Whether this process can run commands as an unprivileged user of their own, through
 * {@code setpriv --reuid --regid --clear-groups --no-new-privs}, and the prefix that does it. That needs root; it is
 * what makes the process-count limit bite (Linux does not apply {@code RLIMIT_NPROC} to root) and what keeps code
 * under test out of root's files, such as {@code ~/.ssh}. Probed once per JVM by {@link #detect()}.
 *
 * <p>Example: {@code UserSwitch.detect().prefix(UserSwitch.nextUid())}
 *
 * @param setpriv the {@code setpriv} program, or null when switching is unavailable
 * @param unavailableReason why switching is unavailable, or null when it is available
 */
public record UserSwitch(@Nullable Path setpriv, @Nullable String unavailableReason) {

    /** The first of the user ids handed out; each JVM takes a block of {@link #IDS_PER_JVM} from its process id. */
    static final int FIRST_UID = 100_000;
    static final int IDS_PER_JVM = 16;
    private static final int JVM_BLOCKS = 50_000;
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Set<Integer> RESERVED = ConcurrentHashMap.newKeySet();

    /** The cached result of probing {@code setpriv}. */
    public static UserSwitch detect() {
        return Cached.VALUE;
    }

    /** Whether commands can run as another, unprivileged user. */
    public boolean available() {
        return unavailableReason == null;
    }

    /**
     * A user id no account uses, from a block chosen by this JVM's process id, so that concurrent commands of this
     * JVM, and of other JVMs on the machine, rarely share one: {@code RLIMIT_NPROC} counts every process of a user,
     * so a fork bomb under a shared id would starve the others.
     */
    public static int nextUid() {
        int candidate = rotate();
        // Skips the ids that long-lived processes hold (see reserve()), unless all are held.
        for (int tries = 1; tries < IDS_PER_JVM && RESERVED.contains(candidate); tries++) {
            candidate = rotate();
        }
        return candidate;
    }

    /**
     * A user id of {@link #nextUid()}'s block kept for one long-lived process, such as a warm zygote whose children
     * run capsule after capsule as that user, until the reservation is closed: meanwhile {@link #nextUid()} hands it to
     * no other command of this JVM (unless every id of the block is held), so no other capsule shares its files, its
     * processes or its process count.
     */
    public static Reservation reserve() {
        for (int tries = 0; tries < IDS_PER_JVM; tries++) {
            int uid = rotate();
            if (RESERVED.add(uid)) {
                return new Reservation(uid, true);
            }
        }
        return new Reservation(nextUid(), false);
    }

    private static int rotate() {
        long block = ProcessHandle.current().pid() % JVM_BLOCKS;
        return (int) (FIRST_UID + block * IDS_PER_JVM + Math.floorMod(NEXT.getAndIncrement(), IDS_PER_JVM));
    }

    /**
     * A user id held by {@link #reserve()}; closing it (once or more) gives the id back to {@link #nextUid()}.
     *
     * <p>Example: {@code try (UserSwitch.Reservation user = UserSwitch.reserve()) { start(user.uid()); }}
     */
    public static final class Reservation implements AutoCloseable {

        private final int uid;
        private final AtomicBoolean held;

        private Reservation(int uid, boolean exclusive) {
            this.uid = uid;
            this.held = new AtomicBoolean(exclusive);
        }

        /** The user id. */
        public int uid() {
            return uid;
        }

        /** Gives the id back, if this reservation held it alone (not when every id of the block was held). */
        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                RESERVED.remove(uid);
            }
        }
    }

    /** The words that run a command as {@code uid} (and group {@code uid}) with no supplementary groups. */
    public List<String> prefix(int uid) {
        if (setpriv == null) {
            throw new IllegalStateException("cannot switch users: " + unavailableReason);
        }
        return List.of(setpriv.toString(), "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "--no-new-privs",
                "--");
    }

    /** Probes {@code setpriv} as a throw-away user id; only root may switch. */
    public static UserSwitch probe(Path setpriv) {
        if (!Files.isExecutable(setpriv)) {
            return new UserSwitch(null, "no executable '" + setpriv + "'");
        }
        if (!isRoot()) {
            return new UserSwitch(null, "QLP does not run as root, so commands run as its own user");
        }
        UserSwitch candidate = new UserSwitch(setpriv, null);
        try {
            Process process = new ProcessBuilder(concat(candidate.prefix(FIRST_UID - 1), "true"))
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            BoundedOutput output = BoundedOutput.drain(process.getInputStream(), 4096, "probe");
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                ProcessTree.kill(process);
                return new UserSwitch(null, setpriv + " did not finish within 10 s");
            }
            output.await(1000);
            return process.exitValue() == 0 ? candidate
                    : new UserSwitch(null, setpriv + " failed: " + output.text().strip());
        } catch (IOException e) {
            return new UserSwitch(null, setpriv + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UserSwitch(null, "interrupted while probing " + setpriv);
        }
    }

    /** Whether this process runs with user id 0. */
    public static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .filter(line -> line.startsWith("Uid:"))
                    .anyMatch(line -> line.split("\\s+")[2].equals("0"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static List<String> concat(List<String> prefix, String command) {
        List<String> all = new java.util.ArrayList<>(prefix);
        all.add(command);
        return all;
    }

    private static final class Cached {
        static final UserSwitch VALUE = HostTools.find("setpriv")
                .map(UserSwitch::probe)
                .orElseGet(() -> new UserSwitch(null, "no 'setpriv' program in the system folders"));
    }
}
