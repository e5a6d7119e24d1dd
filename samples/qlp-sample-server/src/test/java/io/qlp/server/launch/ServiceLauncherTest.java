package io.qlp.server.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qlp.server.launch.ServiceLauncher.Service;
import io.qlp.server.progress.GenerationService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

class ServiceLauncherTest {

    record Run(int exit, String out, String err) {
    }

    static Run command(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = ServiceLauncher.launchCommand(environment, args, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void should_pick_server_when_service_name_is_unset_or_blank() {
        assertThat(Service.named(null)).contains(Service.SERVER);
        assertThat(Service.named("  ")).contains(Service.SERVER);
        assertThat(Service.named(" Worker ")).contains(Service.WORKER);
        assertThat(Service.named("cli")).contains(Service.CLI);
        assertThat(Service.named("scheduler")).isEmpty();
    }

    @Test
    void should_exit_2_naming_the_choices_when_service_name_is_unknown() {
        Run run = command(Map.of(ServiceLauncher.VARIABLE, "scheduler"), "keys", "hash", "x");

        assertThat(run.exit()).isEqualTo(ServiceLauncher.USAGE).isEqualTo(2);
        assertThat(run.err()).contains("SERVICE_NAME must be one of server, worker, cli, was 'scheduler'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void should_run_qlp_command_when_service_is_cli() {
        Run run = command(Map.of(ServiceLauncher.VARIABLE, "cli"), "keys", "hash", "x");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881");
    }

    @Test
    void should_pass_the_cli_exit_code_when_arguments_are_bad() {
        Run run = command(Map.of(ServiceLauncher.VARIABLE, "cli"), "no-such-command");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no-such-command");
    }

    @Test
    void should_refuse_spring_services_when_asked_to_run_them_as_a_command() {
        assertThatThrownBy(() -> command(Map.of(), "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("server");
        assertThatThrownBy(() -> ServiceLauncher.start(Service.CLI)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cli");
    }

    @Test
    void should_serve_health_without_a_worker_when_service_is_server(@TempDir Path data) throws Exception {
        try (ConfigurableApplicationContext context = ServiceLauncher.start(Service.SERVER, "--server.port=0",
                "--qlp.data-dir=" + data, "--qlp.memory.enabled=false")) {
            assertThat(context.getEnvironment().getActiveProfiles()).containsExactly("server");
            assertThat(context.getEnvironment().getProperty("qlp.temporal.worker.enabled")).isEqualTo("false");
            assertThat(context.getBean(GenerationService.class).durable()).isFalse();
            String port = context.getEnvironment().getProperty("local.server.port");
            HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
        }
    }

    @Test
    void should_turn_temporal_worker_on_when_profile_is_worker() throws IOException {
        Map<String, Object> worker = properties("application-worker.yml");
        Map<String, Object> server = properties("application-server.yml");

        assertThat(worker).containsEntry("qlp.orchestration", "temporal")
                .containsEntry("qlp.temporal.worker.enabled", true);
        assertThat(server).containsEntry("qlp.temporal.worker.enabled", false);
        assertThat(properties("application.yml")).containsEntry("management.endpoint.health.probes.enabled", true);
    }

    static Map<String, Object> properties(String resource) throws IOException {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load(resource,
                new ClassPathResource(resource));
        assertThat(sources).hasSize(1);
        Map<?, ?> raw = (Map<?, ?>) sources.get(0).getSource();
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        raw.forEach((key, value) -> {
            Object plain = value instanceof OriginTrackedValue tracked ? tracked.getValue() : value;
            values.put(key.toString(), plain instanceof CharSequence text ? text.toString() : plain);
        });
        return values;
    }
}
