package io.qlp.validation.internal;

import io.qlp.api.spi.ResourceLimits;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * A command wrapped in every confinement this machine offers, in this order: {@code unshare} (no network, own PID
 * namespace), {@code setpriv} (an unprivileged user of its own), {@code prlimit} (CPU, file size, open files,
 * processes, optionally address space), then the program. What could not be enforced is said in {@link #notes()}.
 * Both the one-shot {@code LocalProcessSandbox} and the warm JVM pool start their processes through this class.
 *
 * <p>Example: {@code ConfinedCommand.of(List.of("java", "-version"), workDir, tmp, limits, options, Map.of())}
 *
 * @param command the full command line
 * @param environment the complete environment of the process
 * @param networkIsolated whether the process runs without network
 * @param uid the user id the process runs as, when it was switched
 * @param notes guarantees not available on this machine, or turned off
 */
public record ConfinedCommand(List<String> command, Map<String, String> environment, boolean networkIsolated,
                              OptionalInt uid, List<String> notes) {

    /** Copies the collections. */
    public ConfinedCommand {
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
        notes = List.copyOf(notes);
    }

    /**
     * Which confinements to apply.
     *
     * <p>Example: {@code new ConfinedCommand.Options(true, true, true, 1024)}
     *
     * @param isolateNetwork run without network where possible
     * @param isolateProcesses give the command its own PID namespace where possible (only together with the network)
     * @param switchUser run as an unprivileged user of its own where possible
     * @param maxOpenFiles most open files
     */
    public record Options(boolean isolateNetwork, boolean isolateProcesses, boolean switchUser, int maxOpenFiles) {
    }

    /**
     * Wraps {@code program}. When the user is switched, {@code workDir} (with everything in it) is handed to that
     * user so the command can write there.
     *
     * @param addressSpace the address-space limit in bytes, or empty for none
     * @param extraEnvironment variables added to {@code PATH}, {@code HOME}, {@code LANG} and {@code TMPDIR}
     */
    public static ConfinedCommand of(List<String> program, Path workDir, Path tmp, ResourceLimits limits,
                                     Options options, OptionalLong addressSpace, Map<String, String> extraEnvironment)
            throws IOException {
        return of(program, workDir, tmp, limits, options, addressSpace, extraEnvironment, UserSwitch::nextUid);
    }

    /**
     * Wraps {@code program} as {@link #of(List, Path, Path, ResourceLimits, Options, OptionalLong, Map)} does, but
     * when the user is switched it is the one {@code uids} gives, so that several commands of one run can share a
     * user (and the files handed to it).
     */
    public static ConfinedCommand of(List<String> program, Path workDir, Path tmp, ResourceLimits limits,
                                     Options options, OptionalLong addressSpace, Map<String, String> extraEnvironment,
                                     IntSupplier uids) throws IOException {
        List<String> notes = new ArrayList<>();
        List<String> command = new ArrayList<>();
        boolean networkIsolated = false;
        if (!options.isolateNetwork()) {
            notes.add("network isolation was turned off for this sandbox; the command had network access");
        } else {
            NetworkIsolation isolation = NetworkIsolation.detect();
            if (isolation.available()) {
                networkIsolated = true;
                command.addAll(options.isolateProcesses() ? isolation.prefix() : withoutPidNamespace(isolation));
                if (options.isolateProcesses() && !isolation.pidNamespace()) {
                    notes.add("no private PID namespace on this machine: the command could see host processes,"
                            + " and its processes are killed one by one");
                }
            } else {
                notes.add("network not isolated: 'unshare -n' does not work on this machine ("
                        + isolation.unavailableReason() + "); the command had network access");
            }
        }
        OptionalInt uid = OptionalInt.empty();
        if (options.switchUser()) {
            UserSwitch users = UserSwitch.detect();
            if (users.available()) {
                uid = OptionalInt.of(uids.getAsInt());
                requireSearchable(workDir, uid.getAsInt());
                handOver(workDir, uid.getAsInt());
                command.addAll(users.prefix(uid.getAsInt()));
            } else {
                notes.add("ran as the host's user: " + users.unavailableReason()
                        + (UserSwitch.isRoot() ? "; the process-count limit does not apply to root" : ""));
            }
        }
        command.addAll(limitPrefix(limits, options.maxOpenFiles(), addressSpace, notes));
        command.addAll(program);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", safePath());
        environment.put("HOME", workDir.toString());
        environment.put("LANG", "C.UTF-8");
        environment.put("TMPDIR", tmp.toString());
        environment.putAll(extraEnvironment);
        return new ConfinedCommand(command, environment, networkIsolated, uid, notes);
    }

    /** Applies the command's environment, replacing the host's, to {@code builder}. */
    public ProcessBuilder applyTo(ProcessBuilder builder) {
        builder.command(command);
        Map<String, String> target = builder.environment();
        target.clear();
        target.putAll(environment);
        return builder;
    }

    private static List<String> withoutPidNamespace(NetworkIsolation isolation) {
        List<String> prefix = new ArrayList<>(isolation.prefix());
        prefix.removeAll(List.of("--pid", "--fork", "--kill-child", "--mount-proc"));
        return prefix;
    }

    private static List<String> limitPrefix(ResourceLimits limits, int maxOpenFiles, OptionalLong addressSpace,
                                            List<String> notes) {
        Optional<Path> prlimit = HostTools.find("prlimit");
        if (prlimit.isEmpty()) {
            notes.add("resource limits not enforced: no 'prlimit' program on this machine");
            return List.of();
        }
        List<String> prefix = new ArrayList<>();
        prefix.add(prlimit.get().toString());
        prefix.add("--cpu=" + limits.cpuSeconds());
        prefix.add("--fsize=" + limits.maxFileBytes());
        prefix.add("--nofile=" + maxOpenFiles);
        prefix.add("--nproc=" + limits.maxProcesses());
        addressSpace.ifPresent(bytes -> prefix.add("--as=" + bytes));
        prefix.add("--");
        return prefix;
    }

    /** Gives {@code folder} and its contents to {@code uid}, never following links. */
    /**
     * Fails with a message that names the folder and the fix when user {@code uid} could not reach {@code folder}
     * because a folder above it is not searchable by that user (such as a {@code java.io.tmpdir} of mode 0700 owned by
     * root): otherwise the command would start and fail with a bare "permission denied" of its own. A folder already
     * handed to {@code uid} counts by its owner's (or group's) permissions.
     */
    private static void requireSearchable(Path folder, int uid) throws IOException {
        for (Path above = folder.toAbsolutePath().getParent(); above != null; above = above.getParent()) {
            Map<String, Object> unix;
            try {
                unix = Files.readAttributes(above, "unix:uid,gid,mode");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return; // Not a POSIX file system: nothing to check.
            }
            int mode = (Integer) unix.get("mode");
            int searchBit = uid == (Integer) unix.get("uid") ? 0100 : uid == (Integer) unix.get("gid") ? 010 : 01;
            if ((mode & searchBit) == 0) {
                throw new IOException("the sandbox user " + uid + " cannot reach " + folder + ": the folder " + above
                        + " is not searchable by it (mode " + Integer.toOctalString(mode & 07777) + ", owner "
                        + unix.get("uid") + "); allow it (chmod o+x " + above + ") or point java.io.tmpdir at a"
                        + " folder other users can search");
            }
        }
    }

    private static void handOver(Path folder, int uid) throws IOException {
        try (Stream<Path> tree = Files.walk(folder)) {
            for (Path path : (Iterable<Path>) tree::iterator) {
                Files.setAttribute(path, "unix:uid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(path, "unix:gid", uid, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** The java running QLP first, so {@code java} means the same JDK inside the sandbox, then the system folders. */
    private static String safePath() {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        return String.join(File.pathSeparator, javaBin.toString(), "/usr/local/bin", "/usr/bin", "/bin");
    }
}
