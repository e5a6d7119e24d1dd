package io.qlp.validation.humaneval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU time of this JVM and its child processes, from Linux's {@code /proc} (zero on other systems).
 * <ul>
 *   <li>{@link #ofSelfAndReapedChildren()}: this process's user and system time plus that of the children it has
 *       waited for. Exact for the reference harness, whose {@code javac} and {@code java} are such children.</li>
 *   <li>{@link Sampler}: this process's time plus the last seen time of every descendant, read every
 *       {@value Sampler#INTERVAL_MILLIS} ms. For the validator, whose warm JVMs outlive a measurement or are killed
 *       (with their {@code unshare} parent) after a timeout, so their time never reaches a parent's counters.</li>
 * </ul>
 *
 * <p>Example: {@code CpuTime.Sampler sampler = CpuTime.Sampler.start(); work(); long cpuMillis = sampler.stop();}
 */
final class CpuTime {

    /** Linux's USER_HZ, the unit of {@code /proc/PID/stat}'s times, on every common architecture. */
    private static final long TICKS_PER_SECOND = 100;
    private static final int UTIME = 11;
    private static final int CUTIME = 13;
    private static final int START_TIME = 19;

    private CpuTime() {
    }

    /** CPU milliseconds of this process and of the children it has waited for. */
    static long ofSelfAndReapedChildren() {
        long[] stat = stat(ProcessHandle.current().pid());
        return (stat[0] + stat[1] + stat[2] + stat[3]) * 1000 / TICKS_PER_SECOND;
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

    /** utime, stime, cutime, cstime and start time of a process; zeros when it ended meanwhile. */
    private static long[] stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // The command name may hold spaces; the fields after its closing parenthesis do not.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[UTIME]), Long.parseLong(fields[UTIME + 1]),
                    Long.parseLong(fields[CUTIME]), Long.parseLong(fields[CUTIME + 1]),
                    Long.parseLong(fields[START_TIME])};
        } catch (IOException | RuntimeException e) {
            return new long[5];
        }
    }

    /** Samples the CPU time of this process and each descendant until {@link #stop()}. */
    static final class Sampler {

        static final long INTERVAL_MILLIS = 50;

        /** Ticks of each process (by pid and start time) when sampling began, and when last seen. */
        private final Map<String, Long> baseline = new HashMap<>();
        private final Map<String, Long> lastSeen = new HashMap<>();
        private final Thread thread;
        private volatile boolean running = true;

        private Sampler() {
            sample(baseline);
            lastSeen.putAll(baseline);
            thread = new Thread(this::loop, "qlp-cpu-sampler");
            thread.setDaemon(true);
        }

        static Sampler start() {
            Sampler sampler = new Sampler();
            sampler.thread.start();
            return sampler;
        }

        /** Stops sampling; the CPU milliseconds spent since {@link #start()}. */
        long stop() {
            running = false;
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample(lastSeen);
            long ticks = 0;
            for (Map.Entry<String, Long> entry : lastSeen.entrySet()) {
                ticks += entry.getValue() - baseline.getOrDefault(entry.getKey(), 0L);
            }
            return ticks * 1000 / TICKS_PER_SECOND;
        }

        private void loop() {
            while (running) {
                synchronized (this) {
                    sample(lastSeen);
                }
                try {
                    Thread.sleep(INTERVAL_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        private synchronized void sample(Map<String, Long> into) {
            record(ProcessHandle.current().pid(), into);
            ProcessHandle.current().descendants().forEach(process -> record(process.pid(), into));
        }

        private static void record(long pid, Map<String, Long> into) {
            long[] stat = stat(pid);
            if (stat[4] == 0) {
                return;
            }
            // Own time only: a parent's counters of waited-for children would count them twice.
            into.merge(pid + "@" + stat[4], stat[0] + stat[1], Math::max);
        }
    }
}
