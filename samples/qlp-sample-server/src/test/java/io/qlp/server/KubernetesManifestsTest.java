package io.qlp.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.qlp.api.Tier;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.config.TemporalSettings;
import io.qlp.core.orchestration.RunStatus;
import io.qlp.core.orchestration.TemporalCapsuleClient;
import io.qlp.core.orchestration.TemporalConnection;
import io.qlp.core.testing.JvmProcess;
import io.qlp.core.testing.LoopbackOpenAiServer;
import io.qlp.core.testing.TemporalTestServerProcess;
import io.qlp.server.config.QlpSettingsBinder;
import io.qlp.server.security.ApiKeys;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ByteArrayResource;

/**
 * The manifests under {@code deploy/k8s}: their cross-references (labels and selectors, ports, the ConfigMap and the
 * Secrets, probe paths, the HPA's targets), and then server and worker started as the Deployments configure them —
 * the ConfigMap's {@code application.yaml} as their Spring config file, the Secrets as environment, the launcher of
 * the image with {@code SERVICE_NAME} — each in its own JVM, with only the addresses of the outside services
 * replaced by this machine's: PostgreSQL (database {@code test}), Redis, Temporal's test server in a separate process
 * and a loopback OpenAI-compatible model.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KubernetesManifestsTest {

    static final Path K8S = Path.of("..", "..", "deploy", "k8s");
    static final Path DEPLOY_DOC = Path.of("..", "..", "docs", "deploy.md");
    static final YAMLMapper YAML = new YAMLMapper();
    static final ObjectMapper JSON = new ObjectMapper();
    /** The example key whose hash secret.example.yaml holds. */
    static final String DEMO_KEY = "qlp-demo-key-change-me";

    /** {@code Kind/name} to the resource, in kustomization order. */
    static final Map<String, JsonNode> RESOURCES = new LinkedHashMap<>();
    static JsonNode kustomization;

    @BeforeAll
    static void readManifests() throws IOException {
        kustomization = YAML.readTree(K8S.resolve("kustomization.yaml").toFile());
        for (JsonNode file : kustomization.path("resources")) {
            try (var parser = new YAMLFactory().createParser(K8S.resolve(file.asText()).toFile())) {
                for (JsonNode document : YAML.readValues(parser, JsonNode.class).readAll()) {
                    String key = document.path("kind").asText() + "/" + document.path("metadata").path("name").asText();
                    assertThat(RESOURCES).as("duplicate " + key).doesNotContainKey(key);
                    RESOURCES.put(key, document);
                }
            }
        }
    }

    /** The example of the API-key Secret the operator creates; it is deliberately not a kustomization resource. */
    static JsonNode exampleApiKeySecret() throws IOException {
        JsonNode secret = YAML.readTree(K8S.resolve("secret.example.yaml").toFile());
        assertThat(secret.path("kind").asText()).isEqualTo("Secret");
        assertThat(secret.path("metadata").path("name").asText()).isEqualTo("qlp-api-keys");
        return secret;
    }

    static JsonNode resource(String kind, String name) {
        JsonNode node = RESOURCES.get(kind + "/" + name);
        assertThat(node).as(kind + " " + name + " in deploy/k8s").isNotNull();
        return node;
    }

    static JsonNode container(JsonNode deployment) {
        JsonNode containers = deployment.path("spec").path("template").path("spec").path("containers");
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> values = new LinkedHashMap<>();
        container.path("env").forEach(variable -> values.put(variable.path("name").asText(),
                variable.path("value").asText()));
        return values;
    }

    static List<JsonNode> deployments() {
        return RESOURCES.values().stream().filter(node -> node.path("kind").asText().equals("Deployment")).toList();
    }

    static Map<String, String> secretData(JsonNode secret) {
        Map<String, String> data = new LinkedHashMap<>();
        secret.path("stringData").fields().forEachRemaining(field -> data.put(field.getKey(), field.getValue().asText()));
        return data;
    }

    static String configMapFile() {
        return resource("ConfigMap", "qlp-config").path("data").path("application.yaml").asText();
    }

    @Test
    void should_list_every_manifest_when_kustomization_is_read() throws IOException {
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(file -> listed.add(file.asText()));
        try (Stream<Path> files = Files.list(K8S)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
                    .filter(name -> !name.equals("kustomization.yaml") && !name.endsWith(".example.yaml")))
                    .containsExactlyInAnyOrderElementsOf(listed);
        }
        assertThat(kustomization.path("namespace").asText()).isEqualTo("qlp");
        assertThat(resource("Namespace", "qlp")).isNotNull();
        assertThat(RESOURCES.keySet()).containsExactlyInAnyOrder("Namespace/qlp", "ConfigMap/qlp-config",
                "Deployment/qlp-server", "Service/qlp-server", "Deployment/qlp-worker",
                "HorizontalPodAutoscaler/qlp-server", "HorizontalPodAutoscaler/qlp-worker");
    }

    @Test
    void should_select_only_its_own_pods_when_deployments_and_service_are_read() {
        for (JsonNode deployment : deployments()) {
            JsonNode selector = deployment.path("spec").path("selector").path("matchLabels");
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            selector.fields().forEachRemaining(label -> assertThat(labels.path(label.getKey()).asText())
                    .as(deployment.path("metadata").path("name") + " selects its template").isEqualTo(
                            label.getValue().asText()));
        }
        JsonNode service = resource("Service", "qlp-server");
        JsonNode serverLabels = resource("Deployment", "qlp-server").path("spec").path("template").path("metadata")
                .path("labels");
        JsonNode workerLabels = resource("Deployment", "qlp-worker").path("spec").path("template").path("metadata")
                .path("labels");
        JsonNode selector = service.path("spec").path("selector");
        assertThat(matches(selector, serverLabels)).isTrue();
        assertThat(matches(selector, workerLabels)).as("the Service must not send requests to workers").isFalse();

        JsonNode servicePort = service.path("spec").path("ports").get(0);
        List<String> portNames = new ArrayList<>();
        container(resource("Deployment", "qlp-server")).path("ports").forEach(port -> {
            portNames.add(port.path("name").asText());
            assertThat(port.path("containerPort").asInt()).as("the image's exposed port").isEqualTo(8080);
        });
        assertThat(portNames).contains(servicePort.path("targetPort").asText());
    }

    static boolean matches(JsonNode selector, JsonNode labels) {
        boolean[] all = {selector.size() > 0};
        selector.fields().forEachRemaining(label -> all[0] &= labels.path(label.getKey()).asText()
                .equals(label.getValue().asText()));
        return all[0];
    }

    @Test
    void should_reference_existing_config_and_secrets_when_pods_read_them() throws IOException {
        String documented = Files.readString(DEPLOY_DOC);
        for (JsonNode deployment : deployments()) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = container(deployment);
            Map<String, String> mounts = new LinkedHashMap<>();
            container.path("volumeMounts").forEach(mount -> mounts.put(mount.path("name").asText(),
                    mount.path("mountPath").asText()));
            String configPath = null;
            for (JsonNode volume : pod.path("volumes")) {
                assertThat(mounts).as("volume " + volume.path("name") + " is mounted")
                        .containsKey(volume.path("name").asText());
                if (volume.has("configMap")) {
                    JsonNode configMap = resource("ConfigMap", volume.path("configMap").path("name").asText());
                    assertThat(configMap.path("data").has("application.yaml")).isTrue();
                    configPath = mounts.get(volume.path("name").asText()) + "/application.yaml";
                }
            }
            assertThat(configPath).isNotNull();
            assertThat(env(container)).containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "file:" + configPath);
            assertThat(mounts.values()).contains("/tmp", "/var/lib/qlp");

            List<String> secrets = new ArrayList<>();
            container.path("envFrom").forEach(from -> secrets.add(from.path("secretRef").path("name").asText()));
            assertThat(secrets).containsExactly("qlp-api-keys", "qlp-credentials");
            // Both made by the operator (real secrets and keys are not deployed): docs/deploy.md shows how.
            assertThat(RESOURCES).doesNotContainKeys("Secret/qlp-credentials", "Secret/qlp-api-keys");
            assertThat(documented).contains("kubectl -n qlp create secret generic qlp-credentials")
                    .contains("kubectl -n qlp create secret generic qlp-api-keys");
        }

        Map<String, String> keys = secretData(exampleApiKeySecret());
        assertThat(keys).isNotEmpty();
        keys.forEach((name, value) -> {
            assertThat(name).matches("QLP_SERVER_APIKEYS_\\d+_(TENANT|SHA256)");
            if (name.endsWith("_SHA256")) {
                assertThat(value).as("only hashes, never keys").matches("[0-9a-f]{64}");
            }
        });
        assertThat(keys).containsEntry("QLP_SERVER_APIKEYS_0_SHA256", ApiKeys.sha256Hex(DEMO_KEY));

        // Every variable the config names must come from qlp-credentials, as docs/deploy.md creates it.
        JsonNode config = YAML.readTree(configMapFile()).path("qlp");
        List<String> variables = List.of(config.path("tiers").path("t0").path("api-key-env").asText(),
                config.path("store").path("password-env").asText());
        for (String variable : variables) {
            assertThat(variable).isNotBlank();
            assertThat(documented).contains("--from-literal=" + variable + "=");
        }
    }

    @Test
    void should_bind_every_key_when_the_config_map_is_read_by_the_server() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("qlp-config", new ByteArrayResource(
                configMapFile().getBytes(StandardCharsets.UTF_8))).forEach(environment.getPropertySources()::addFirst);

        QlpSettings settings = QlpSettingsBinder.bind(environment);

        assertThat(settings.tiers()).containsOnlyKeys(Tier.T0);
        assertThat(settings.tiers().get(Tier.T0).apiKeyEnv()).isEqualTo("QLP_MODEL_API_KEY");
        assertThat(settings.orchestration().isTemporal()).as("workers run the workflows the server starts").isTrue();
        assertThat(settings.store().type()).isEqualTo("jdbc");
        assertThat(settings.cache().redis().url()).startsWith("redis://");
        assertThat(settings.temporal().resolvedTaskQueue()).isEqualTo("qlp-capsules");
        assertThat(settings.dataDir()).isEqualTo("/var/lib/qlp");
        assertThat(environment.getProperty("qlp.server.rate-limit.requests-per-minute")).isEqualTo("120");
    }

    @Test
    void should_probe_health_groups_as_user_10001_when_pods_start() throws IOException {
        Map<String, Object> application = new LinkedHashMap<>();
        new YamlPropertySourceLoader().load("application", new org.springframework.core.io.ClassPathResource(
                "application.yml")).forEach(source -> application.put("probes",
                source.getProperty("management.endpoint.health.probes.enabled")));
        assertThat(String.valueOf(application.get("probes"))).isEqualTo("true");

        for (JsonNode deployment : deployments()) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode container = container(deployment);
            assertThat(env(container).get("SERVICE_NAME")).isEqualTo(name.substring("qlp-".length()));
            assertThat(container.path("image").asText()).startsWith("qlp-sample-server:");
            JsonNode security = deployment.path("spec").path("template").path("spec").path("securityContext");
            assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
            assertThat(security.path("runAsUser").asInt()).isEqualTo(10001);
            assertThat(container.path("securityContext").path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
            List<String> portNames = new ArrayList<>();
            container.path("ports").forEach(port -> portNames.add(port.path("name").asText()));
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                JsonNode get = container.path(probe).path("httpGet");
                assertThat(get.path("path").asText()).as(name + " " + probe).isEqualTo(
                        probe.equals("readinessProbe") ? "/actuator/health/readiness" : "/actuator/health/liveness");
                assertThat(portNames).as(name + " " + probe).contains(get.path("port").asText());
            }
        }
    }

    @Test
    void should_scale_existing_deployments_on_cpu_when_hpa_is_read() {
        List<JsonNode> autoscalers = RESOURCES.values().stream()
                .filter(node -> node.path("kind").asText().equals("HorizontalPodAutoscaler")).toList();
        assertThat(autoscalers).hasSize(2);
        for (JsonNode hpa : autoscalers) {
            JsonNode target = hpa.path("spec").path("scaleTargetRef");
            assertThat(target.path("kind").asText()).isEqualTo("Deployment");
            JsonNode deployment = resource("Deployment", target.path("name").asText());
            assertThat(container(deployment).path("resources").path("requests").path("cpu").asText())
                    .as("utilization needs a CPU request").isNotBlank();
            JsonNode metric = hpa.path("spec").path("metrics").get(0);
            assertThat(metric.path("resource").path("name").asText()).isEqualTo("cpu");
            assertThat(metric.path("resource").path("target").path("averageUtilization").asInt()).isBetween(1, 100);
            assertThat(hpa.path("spec").path("minReplicas").asInt())
                    .isLessThanOrEqualTo(hpa.path("spec").path("maxReplicas").asInt())
                    .isEqualTo(deployment.path("spec").path("replicas").asInt());
        }
    }

    /** Server and worker as the Deployments run them, against this machine's services. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Running {

        Path scratch;
        TemporalTestServerProcess temporal;
        LoopbackOpenAiServer model;
        Pod server;
        Pod worker;
        String taskQueue = "qlp-k8s-" + UUID.randomUUID();

        @BeforeAll
        void start() throws Exception {
            scratch = Files.createTempDirectory("qlp-k8s-");
            temporal = TemporalTestServerProcess.start(scratch.resolve("temporal.log"));
            model = LoopbackOpenAiServer.start().whenEmptyAnswerCompletion(Answers.VALID, 100, 50);
            Path config = Files.createDirectories(scratch.resolve("etc-qlp"));
            Files.writeString(config.resolve("application.yaml"), configMapFile());
            // qlp-credentials is what the operator creates (docs/deploy.md): PostgreSQL here trusts loopback, and the
            // loopback model takes any key.
            Map<String, Map<String, String>> secrets = Map.of(
                    "qlp-api-keys", secretData(exampleApiKeySecret()),
                    "qlp-credentials", Map.of("QLP_DB_PASSWORD", "unused-with-trust-auth",
                            "QLP_MODEL_API_KEY", "loopback"));
            List<String> localServices = List.of(
                    "--qlp.tiers.t0.base-url=" + model.baseUrl(),
                    "--qlp.store.jdbc-url=jdbc:postgresql://127.0.0.1:5432/test",
                    "--qlp.store.username=postgres",
                    "--qlp.cache.redis.url=redis://127.0.0.1:6379",
                    "--qlp.temporal.target=" + temporal.target(),
                    "--qlp.temporal.task-queue=" + taskQueue,
                    // Temporal's test server never hands a sticky task to another worker.
                    "--qlp.temporal.sticky-execution=false");
            worker = Pod.start(resource("Deployment", "qlp-worker"), config, secrets, localServices, scratch);
            server = Pod.start(resource("Deployment", "qlp-server"), config, secrets, localServices, scratch);
            worker.awaitLog("capsule worker polling task queue");
        }

        @AfterAll
        void stop() throws Exception {
            for (AutoCloseable running : new AutoCloseable[] {server, worker, model, temporal}) {
                if (running != null) {
                    running.close();
                }
            }
            if (scratch != null && scratch.getFileName().toString().startsWith("qlp-k8s-")) {
                try (Stream<Path> paths = Files.walk(scratch)) {
                    for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(path);
                    }
                }
            }
        }

        @Test
        void should_answer_every_probe_when_server_and_worker_run_as_configured() throws Exception {
            for (Pod pod : List.of(server, worker)) {
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    String path = container(pod.deployment()).path(probe).path("httpGet").path("path").asText();
                    HttpResponse<String> response = pod.get(path, null);
                    assertThat(response.statusCode()).as(pod.name() + " " + path + ": " + response.body())
                            .isEqualTo(200);
                    assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("UP");
                }
            }
            assertThat(server.log()).contains("The following 1 profile is active: \"server\"")
                    .doesNotContain("capsule worker polling");
            assertThat(worker.log()).contains("The following 1 profile is active: \"worker\"");
        }

        @Test
        void should_generate_on_the_worker_when_the_server_takes_a_request() throws Exception {
            String description = "A greeter with a test, " + UUID.randomUUID();
            String body = JSON.writeValueAsString(Map.of("description", description, "language", "java"));

            int callsBefore = model.requests().size();
            HttpResponse<String> unknownKey = server.post("/v1/generate/capsule?wait=true", body, "not-a-key");
            HttpResponse<String> created = server.post("/v1/generate/capsule?wait=true", body, DEMO_KEY);

            assertThat(unknownKey.statusCode()).isEqualTo(401);
            assertThat(created.statusCode()).as(created.body() + "\nserver:\n" + server.tail() + "\nworker:\n"
                    + worker.tail()).isEqualTo(201);
            JsonNode capsule = JSON.readTree(created.body());
            assertThat(capsule.path("status").asText()).isEqualTo("VALIDATED");
            String id = capsule.path("id").asText();
            // The server runs no worker; the capsule's workflow ran on the worker, which made the one model call.
            assertThat(model.requests()).as("one model call").hasSize(callsBefore + 1);
            assertThat(server.log()).doesNotContain("capsule worker polling");
            try (TemporalConnection connection = TemporalConnection.open(new TemporalSettings(temporal.target(),
                    null, taskQueue, null, null, null, null, null, false))) {
                RunStatus run = TemporalCapsuleClient.of(connection).status(id);
                assertThat(run.state()).isEqualTo("COMPLETED");
                assertThat(run.capsuleStatus()).isEqualTo("VALIDATED");
            }
            HttpResponse<String> read = server.get("/v1/capsule/" + id, DEMO_KEY);
            assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
            assertThat(JSON.readTree(read.body()).path("status").asText()).isEqualTo("VALIDATED");
            assertThat(read.body()).contains(Answers.GREETER);
        }

        @Test
        void should_stream_the_workflows_progress_when_the_server_answers_202() throws Exception {
            String body = JSON.writeValueAsString(Map.of("description", "A greeter, streamed, " + UUID.randomUUID()));

            HttpResponse<String> accepted = server.post("/v1/generate/capsule", body, DEMO_KEY);

            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            String id = JSON.readTree(accepted.body()).path("id").asText();
            Sse.Stream_ stream = Sse.read(new Api(server.port(), DEMO_KEY), "/v1/capsule/" + id + "/events", null);
            assertThat(stream.status()).isEqualTo(200);
            List<Sse.Event> events = stream.events();
            Sse.Event first = events.get(0);
            assertThat(first.data().path("stage").asText()).isEqualTo("ROUTE");
            assertThat(first.data().path("message").asText()).contains("started workflow qlp-capsule-" + id);
            // Then the stages the workflow's progress query reports every 500 ms (none when it ends sooner).
            List<Sse.Event> progress = events.subList(0, events.size() - 1);
            assertThat(progress).extracting(Sse.Event::name).containsOnly("progress");
            assertThat(progress).allSatisfy(event -> {
                assertThat(event.data().path("capsuleId").asText()).isEqualTo(id);
                assertThat(io.qlp.api.Stage.valueOf(event.data().path("stage").asText())).isNotNull();
            });
            Sse.Event end = events.get(events.size() - 1);
            assertThat(end.name()).isEqualTo("end");
            assertThat(end.data().path("status").asText()).isEqualTo("VALIDATED");
        }
    }

    /** One container of a Deployment, run as a JVM on this machine. */
    record Pod(String name, JsonNode deployment, Process process, Path logFile, int port) implements AutoCloseable {

        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        static Pod start(JsonNode deployment, Path configDir, Map<String, Map<String, String>> secrets,
                         List<String> localServices,
                         Path scratch) throws Exception {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = container(deployment);
            String configMount = null;
            for (JsonNode mount : container.path("volumeMounts")) {
                for (JsonNode volume : pod.path("volumes")) {
                    if (volume.path("name").equals(mount.path("name")) && volume.has("configMap")) {
                        configMount = mount.path("mountPath").asText();
                    }
                }
            }
            assertThat(configMount).isNotNull();
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("PATH", "/usr/bin:/bin");
            for (Map.Entry<String, String> variable : env(container).entrySet()) {
                environment.put(variable.getKey(), variable.getValue().replace(configMount, configDir.toString()));
            }
            for (JsonNode from : container.path("envFrom")) {
                String secret = from.path("secretRef").path("name").asText();
                assertThat(secrets).as(name + " reads Secret " + secret).containsKey(secret);
                environment.putAll(secrets.get(secret));
            }
            int port = JvmProcess.freePort();
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                    "-cp", System.getProperty("java.class.path"), "io.qlp.server.launch.ServiceLauncher",
                    "--server.port=" + port, "--qlp.data-dir=" + scratch.resolve("data-" + name)));
            command.addAll(localServices);
            Path log = scratch.resolve(name + ".log");
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(scratch.toFile());
            builder.environment().clear();
            builder.environment().putAll(environment);
            Pod started = new Pod(name, deployment, builder.start(), log, port);
            started.awaitStartup();
            return started;
        }

        /** Polls the startup probe's path as the kubelet would, for as long as the probe allows. */
        void awaitStartup() throws Exception {
            JsonNode startup = container(deployment).path("startupProbe");
            String path = startup.path("httpGet").path("path").asText();
            long deadline = System.nanoTime() + Duration.ofSeconds(
                    (long) startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt()).toNanos();
            while (System.nanoTime() < deadline) {
                assertThat(process.isAlive()).as(name + " ended:\n" + tail()).isTrue();
                try {
                    if (get(path, null).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(500);
            }
            throw new AssertionError(name + " did not pass its startup probe:\n" + tail());
        }

        void awaitLog(String text) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!log().contains(text)) {
                assertThat(System.nanoTime()).as(name + " never printed '" + text + "':\n" + tail())
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }

        HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(10));
            if (key != null) {
                request.header("X-API-Key", key);
            }
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, String body, String key) throws IOException, InterruptedException {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofMinutes(3)).header("X-API-Key", key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String log() throws IOException {
            return Files.readString(logFile);
        }

        String tail() {
            try {
                String text = log();
                return text.length() <= 6_000 ? text : text.substring(text.length() - 6_000);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        /** Stops it as Kubernetes does: SIGTERM, then SIGKILL of whatever is left after the grace period. */
        @Override
        public void close() throws InterruptedException {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            descendants.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
