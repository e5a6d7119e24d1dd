package io.qlp.server.launch;

import io.qlp.cli.QlpCli;
import io.qlp.server.QlpServerApplication;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One image, three services: the environment variable {@value #VARIABLE} picks what runs.
 * <ul>
 *   <li>{@code server} (the default): the REST API and web page, with Spring profile {@code server}
 *       ({@code application-server.yml}: no Temporal worker in this process);</li>
 *   <li>{@code worker}: the Temporal capsule worker, with Spring profile {@code worker}
 *       ({@code application-worker.yml}: {@code qlp.orchestration: temporal}, worker on); it keeps the health
 *       endpoints for the orchestrator's probes;</li>
 *   <li>{@code cli}: the {@code qlp} command with the remaining arguments, exiting with its code.</li>
 * </ul>
 * Any other value exits with 2 and names the choices.
 *
 * <p>Example: {@code docker run -e SERVICE_NAME=cli qlp-sample-server keys hash "$KEY"}
 */
public final class ServiceLauncher {

    /** The environment variable that picks the service. */
    public static final String VARIABLE = "SERVICE_NAME";
    /** Exit code of an unknown service name, as for the CLI's usage errors. */
    public static final int USAGE = 2;

    /** The services the image runs. */
    public enum Service {
        /** The REST API and web page. */
        SERVER,
        /** The Temporal capsule worker. */
        WORKER,
        /** The {@code qlp} command. */
        CLI;

        /** The value of {@value ServiceLauncher#VARIABLE}, which is also the Spring profile of server and worker. */
        public String serviceName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * The service named {@code name}, ignoring case and surrounding blanks; {@link #SERVER} when unset or blank.
         */
        public static Optional<Service> named(@Nullable String name) {
            if (name == null || name.isBlank()) {
                return Optional.of(SERVER);
            }
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            return Arrays.stream(values()).filter(service -> service.serviceName().equals(wanted)).findFirst();
        }

        /** The names, for messages: {@code server, worker, cli}. */
        static String choices() {
            return Arrays.stream(values()).map(Service::serviceName).collect(Collectors.joining(", "));
        }
    }

    private ServiceLauncher() {
    }

    /** Runs the service {@value #VARIABLE} names; exits for the CLI and for a bad name. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Optional<Service> service = Service.named(System.getenv(VARIABLE));
        if (service.isPresent() && service.get() != Service.CLI) {
            // Spring's non-daemon threads keep the JVM up until the context closes.
            start(service.get(), args);
            return;
        }
        System.exit(launchCommand(System.getenv(), args, out, err));
    }

    /**
     * Runs the CLI, or explains a bad {@value #VARIABLE}, and returns the exit code; server and worker are
     * started with {@link #start(Service, String...)}.
     *
     * @throws IllegalArgumentException when {@code environment} names the server or the worker
     */
    public static int launchCommand(Map<String, String> environment, String[] args, PrintWriter out,
                                    PrintWriter err) {
        String name = environment.get(VARIABLE);
        Optional<Service> service = Service.named(name);
        if (service.isEmpty()) {
            err.println("error " + VARIABLE + " must be one of " + Service.choices() + ", was '" + name + "'");
            err.flush();
            return USAGE;
        }
        if (service.get() != Service.CLI) {
            throw new IllegalArgumentException(service.get().serviceName() + " is a Spring application; use start()");
        }
        return QlpCli.run(args, environment, out, err);
    }

    /**
     * Starts the server or the worker: the Spring application with the service's profile added to any active ones.
     *
     * @throws IllegalArgumentException when {@code service} is {@link Service#CLI}
     */
    public static ConfigurableApplicationContext start(Service service, String... args) {
        return application(service).run(args);
    }

    /** The Spring application of the server or the worker, not yet started. */
    static SpringApplication application(Service service) {
        if (service == Service.CLI) {
            throw new IllegalArgumentException("cli is not a Spring application");
        }
        SpringApplication application = new SpringApplication(QlpServerApplication.class);
        application.setAdditionalProfiles(service.serviceName());
        return application;
    }
}
