package io.qlp.validation.internal.worker;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.EngineFilter;

/**
 * The main class of a warm worker JVM (see {@link WorkerProtocol}). For each capsule it unpacks the project's files
 * into its working folder ({@link ProjectArchive}), loads the jar in a fresh {@link URLClassLoader}, runs the given
 * test classes with the JUnit Jupiter engine, answers, empties its working folder, and then says whether
 * the capsule left the JVM changed: threads or child processes still running, system properties, default locale
 * or time zone changed, or a heap still full after a collection. The host replaces a worker that reports such a
 * change, dies, or runs past the capsule's timeout. Standard output and error of code under test go nowhere; the
 * answer goes to the original stdout, prefixed with the capsule's nonce, and a fatal error of the worker itself to the
 * original stderr.
 *
 * <p>Example: {@code java -cp worker.jar:junit.jar io.qlp.validation.internal.worker.CapsuleWorker READY-NONCE}
 */
public final class CapsuleWorker {

    /** Share of the maximum heap still in use after a capsule and a collection that retires the worker. */
    private static final double HEAP_LIMIT = 0.5;
    private static final long THREAD_GRACE_MILLIS = 200;

    /**
     * The file the host puts into a worker's private folder before it starts the worker. The worker empties its
     * working folder after every capsule, so it refuses to start in a folder without this file: started by hand in
     * a source checkout or a home folder, it would delete that folder's contents.
     */
    public static final String FOLDER_MARKER = ".qlp-worker-folder";

    /** The exit status of a worker started in a folder without {@link #FOLDER_MARKER}; it deleted nothing. */
    public static final int EXIT_NOT_A_WORKER_FOLDER = 4;

    private final PrintStream protocol;
    private final Launcher launcher = LauncherFactory.create();
    private final Path workDir = Path.of("").toAbsolutePath();

    private CapsuleWorker(PrintStream protocol) {
        this.protocol = protocol;
    }

    /**
     * Runs the worker: {@code args[0]} is the nonce of the {@code READY} line. Ends when stdin ends.
     *
     * @param args the nonce of the first line
     */
    public static void main(String[] args) throws IOException {
        Path marker = Path.of("").toAbsolutePath().resolve(FOLDER_MARKER);
        // A link could point at a marker elsewhere; only the host's own regular file counts.
        if (!Files.isRegularFile(marker, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            System.err.println("refusing to start: the working folder " + marker.getParent() + " has no "
                    + FOLDER_MARKER + " file, so it is not a worker folder made by the QLP host; the worker"
                    + " empties its working folder after every capsule");
            System.exit(EXIT_NOT_A_WORKER_FOLDER);
        }
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        BufferedReader requests = new BufferedReader(
                new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8));
        PrintStream fatal = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        System.setOut(discard);
        System.setErr(discard);
        System.setIn(new ByteArrayInputStream(new byte[0]));
        CapsuleWorker worker = new CapsuleWorker(protocol);
        worker.warmUp();
        protocol.println(args[0] + " " + WorkerProtocol.READY);
        protocol.flush();
        String line;
        while ((line = requests.readLine()) != null) {
            List<String> fields = WorkerProtocol.fields(line);
            if (fields.size() != 5 || !fields.get(0).equals(WorkerProtocol.RUN)) {
                // Not from the host; it may only speak the protocol.
                System.exit(2);
            }
            try {
                worker.run(fields.get(1), classPath(WorkerProtocol.decode(fields.get(2))),
                        Arrays.asList(WorkerProtocol.decode(fields.get(3)).split(",")),
                        Path.of(WorkerProtocol.decode(fields.get(4))));
            } catch (Throwable e) {
                // Whatever broke the worker, the host learns it from stderr and the missing answer.
                e.printStackTrace(fatal);
                Runtime.getRuntime().halt(3);
            }
            worker.restoreStreams(discard);
        }
    }

    /** Runs one test before the first capsule, so the first capsule is neither slower nor blamed for JUnit's state. */
    private void warmUp() {
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(WarmUpTest.class))
                .filters(EngineFilter.includeEngines("junit-jupiter")).build(), new VerdictListener());
    }

    /** The class path of a request: the capsule jar, then its dependency jars. */
    private static URL[] classPath(String joined) throws IOException {
        String[] entries = joined.split(java.util.regex.Pattern.quote(java.io.File.pathSeparator));
        URL[] urls = new URL[entries.length];
        for (int i = 0; i < entries.length; i++) {
            urls[i] = Path.of(entries[i]).toUri().toURL();
        }
        return urls;
    }

    private void run(String nonce, URL[] classPath, List<String> testClasses, Path project) throws IOException {
        // The tests run in the project's folder, as Maven runs them: relative paths reach the project's files.
        ProjectArchive.extract(project, workDir, FOLDER_MARKER);
        Snapshot before = Snapshot.take();
        String vmError = "";
        VerdictListener listener = new VerdictListener();
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // A fresh loader per capsule: its classes and those of its dependencies go with it.
        URLClassLoader loader = new URLClassLoader("capsule", classPath,
                ClassLoader.getSystemClassLoader());
        try {
            Thread.currentThread().setContextClassLoader(loader);
            List<DiscoverySelector> selectors = new ArrayList<>();
            for (String testClass : testClasses) {
                selectors.add(selectClass(loader, testClass));
            }
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectors)
                    .filters(EngineFilter.includeEngines("junit-jupiter"))
                    // Extensions of the capsule are not auto-detected from its jar.
                    .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                    .build();
            launcher.execute(request, listener);
        } catch (VirtualMachineError e) {
            // JUnit passes an OutOfMemoryError on instead of failing the test; the capsule failed all the same.
            listener.failures().add(new VerdictListener.Failure(testClasses.get(0), "", true, e.getClass().getName(),
                    String.valueOf(e.getMessage()), ""));
            vmError = e.getClass().getSimpleName();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        for (VerdictListener.Failure failure : listener.failures()) {
            protocol.println(String.join(" ", nonce, WorkerProtocol.FAIL,
                    WorkerProtocol.encode(failure.className()), WorkerProtocol.encode(failure.testName()),
                    failure.error() ? "1" : "0", WorkerProtocol.encode(failure.type()),
                    WorkerProtocol.encode(failure.message()), WorkerProtocol.encode(failure.trace())));
        }
        String recycle = vmError.isEmpty() ? before.changesSince() : "the tests caused a " + vmError;
        closeQuietly(loader);
        if (!clean(workDir.toFile(), workDir.resolve("tmp").toFile(), workDir.resolve(FOLDER_MARKER).toFile())) {
            recycle = recycle.isEmpty() ? "the tests left files that could not be removed" : recycle;
        }
        protocol.println(String.join(" ", nonce, WorkerProtocol.DONE, String.valueOf(listener.found()),
                String.valueOf(listener.succeeded()), String.valueOf(listener.failures().size()),
                String.valueOf(listener.skipped()), WorkerProtocol.encode(recycle)));
        protocol.flush();
    }

    private void restoreStreams(PrintStream discard) {
        System.setOut(discard);
        System.setErr(discard);
        System.setIn(new ByteArrayInputStream(new byte[0]));
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // The jar is deleted by the host anyway.
        }
    }

    /**
     * Empties the worker's private folder except its {@code tmp} folder, which is emptied too, and the host's
     * {@link #FOLDER_MARKER}.
     */
    private static boolean clean(File folder, File keep, File marker) {
        File[] children = folder.listFiles();
        boolean clean = true;
        if (children == null) {
            return true;
        }
        for (File child : children) {
            // Never follow a link the capsule planted out of the folder.
            if (child.isDirectory() && !Files.isSymbolicLink(child.toPath())) {
                clean &= clean(child, keep, marker);
            }
            if (!child.equals(keep) && !child.equals(marker) && !child.delete()) {
                clean = false;
            }
        }
        return clean;
    }

    /** What a capsule may change in the JVM, taken before it runs. */
    private record Snapshot(Set<Thread> threads, Properties properties, Locale locale, TimeZone timeZone,
                            Thread.UncaughtExceptionHandler handler) {

        static Snapshot take() {
            // The default time zone is read first: the first read sets the user.timezone property.
            TimeZone timeZone = TimeZone.getDefault();
            Locale locale = Locale.getDefault();
            Properties properties = new Properties();
            properties.putAll(System.getProperties());
            return new Snapshot(new HashSet<>(Thread.getAllStackTraces().keySet()), properties, locale, timeZone,
                    Thread.getDefaultUncaughtExceptionHandler());
        }

        /** Why the worker must not run another capsule, or the empty string. */
        String changesSince() {
            List<String> reasons = new ArrayList<>();
            List<String> leftThreads = new ArrayList<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (!threads.contains(thread) && !endsSoon(thread)) {
                    leftThreads.add(thread.getName() + (thread.isDaemon() ? " (daemon)" : ""));
                }
            }
            long processes = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).count();
            if (processes > 0) {
                reasons.add("the tests left " + processes + " process(es) running");
            }
            if (!leftThreads.isEmpty()) {
                reasons.add("the tests left " + leftThreads.size() + " thread(s) running: " + leftThreads);
            }
            if (!properties.equals(System.getProperties())) {
                Set<Object> changed = new HashSet<>(System.getProperties().keySet());
                changed.addAll(properties.keySet());
                changed.removeIf(key -> java.util.Objects.equals(properties.get(key), System.getProperties().get(key)));
                reasons.add("the tests changed system properties " + changed);
            }
            if (!locale.equals(Locale.getDefault()) || !timeZone.equals(TimeZone.getDefault())) {
                reasons.add("the tests changed the default locale or time zone");
            }
            if (handler != Thread.getDefaultUncaughtExceptionHandler()) {
                reasons.add("the tests replaced the default uncaught exception handler");
            }
            if (heapStillFull()) {
                reasons.add("more than half of the heap is still in use after the tests");
            }
            return String.join("; ", reasons);
        }

        private static boolean endsSoon(Thread thread) {
            try {
                thread.join(THREAD_GRACE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return !thread.isAlive();
        }

        private static boolean heapStillFull() {
            Runtime runtime = Runtime.getRuntime();
            if (used(runtime) < runtime.maxMemory() * HEAP_LIMIT) {
                return false;
            }
            System.gc();
            return used(runtime) >= runtime.maxMemory() * HEAP_LIMIT;
        }

        private static long used(Runtime runtime) {
            return runtime.totalMemory() - runtime.freeMemory();
        }
    }
}
