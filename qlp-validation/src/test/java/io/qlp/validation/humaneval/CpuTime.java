package io.qlp.validation.humaneval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time of this JVM and its child processes, from Linux's {@code /proc}: this process's user and system time,
 * that of its children it has waited for, and that of every live descendant (warm JVMs that outlive a measurement).
 * Differences of two readings measure the CPU a phase cost, whichever process spent it. Zero on other systems.
 *
 * <p>Example: {@code long before = CpuTime.ofProcessTree(); work(); long cpuMillis = CpuTime.ofProcessTree() - before;}
 */
final class CpuTime {

    /** Linux's USER_HZ, the unit of {@code /proc/PID/stat}'s times, on every common architecture. */
    private static final long TICKS_PER_SECOND = 100;

    private CpuTime() {
    }

    /** CPU milliseconds of this process and its children, waited for or live. */
    static long ofProcessTree() {
        long ticks = ticks(ProcessHandle.current().pid(), true);
        for (ProcessHandle descendant : ProcessHandle.current().descendants().toList()) {
            ticks += ticks(descendant.pid(), true);
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** The three load averages, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** utime + stime (+ cutime + cstime) of a process; 0 when it ended meanwhile. */
    private static long ticks(long pid, boolean withChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            if (withChildren) {
                ticks += Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
