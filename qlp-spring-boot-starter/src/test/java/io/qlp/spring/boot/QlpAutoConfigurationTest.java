package io.qlp.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.qlp.api.Capsule;
import io.qlp.api.CapsuleRequest;
import io.qlp.api.ErrorCode;
import io.qlp.api.Language;
import io.qlp.api.NonRetriableQlpException;
import io.qlp.api.ProgressEvent;
import io.qlp.api.ProgressListener;
import io.qlp.api.Stage;
import io.qlp.api.Tier;
import io.qlp.api.ValidationReport;
import io.qlp.api.spi.CapsuleStore;
import io.qlp.api.spi.MemoryStore;
import io.qlp.api.spi.RoutingDecision;
import io.qlp.api.spi.TierRouter;
import io.qlp.api.spi.ValidationTarget;
import io.qlp.api.spi.Validator;
import io.qlp.core.CapsuleGenerator;
import io.qlp.core.CompositeValidator;
import io.qlp.core.cache.ExactCache;
import io.qlp.core.cache.SemanticCache;
import io.qlp.core.config.QlpSettings;
import io.qlp.core.store.CachingCapsuleStore;
import io.qlp.core.store.InMemoryCapsuleStore;
import io.qlp.core.store.jdbc.JdbcCapsuleStore;
import io.qlp.core.testing.LoopbackOpenAiServer;
import io.qlp.core.testing.ScriptedChatModel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The generator and its part beans: built from properties, backing off without QLP, and giving way to user beans. */
class QlpAutoConfigurationTest {

    @TempDir
    Path dataDir;
    LoopbackOpenAiServer server;

    @BeforeEach
    void start() {
        server = LoopbackOpenAiServer.start().whenEmptyAnswerCompletion(Answers.FIXED, 100, 200);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(QlpAutoConfiguration.class))
                .withPropertyValues("qlp.data-dir=" + dataDir, "qlp.memory.enabled=false");
    }

    private ApplicationContextRunner withTier() {
        return runner().withPropertyValues("qlp.tiers.t0.base-url=" + server.baseUrl(), "qlp.tiers.t0.api-key=x",
                "qlp.tiers.t0.model=small", "qlp.store.type=in-memory");
    }

    @Test
    void should_build_the_generator_and_its_parts_when_a_tier_is_configured() {
        withTier().withPropertyValues("qlp.generation.max-attempts=2").run(context -> {
            assertThat(context).hasSingleBean(CapsuleGenerator.class).hasSingleBean(CapsuleStore.class)
                    .hasSingleBean(ExactCache.class).hasSingleBean(CompositeValidator.class)
                    .hasSingleBean(QlpSettings.class).doesNotHaveBean(MemoryStore.class)
                    .doesNotHaveBean(SemanticCache.class);
            CapsuleGenerator generator = context.getBean(CapsuleGenerator.class);
            assertThat(generator.tiers()).containsOnlyKeys(Tier.T0);
            assertThat(generator.tiers().get(Tier.T0).modelName()).isEqualTo("small");
            assertThat(context.getBean(CapsuleStore.class)).isInstanceOf(InMemoryCapsuleStore.class);
        });
    }

    @Test
    void should_open_the_embedded_store_under_the_data_dir_when_no_store_type_is_set() {
        runner().run(context -> {
            assertThat(context).doesNotHaveBean(CapsuleGenerator.class).hasSingleBean(CapsuleStore.class);
            assertThat(context.getBean(CapsuleStore.class)).isInstanceOfSatisfying(CachingCapsuleStore.class,
                    cached -> assertThat(cached.delegate()).isInstanceOf(JdbcCapsuleStore.class));
            assertThat(dataDir.resolve("store")).isDirectory();
        });
    }

    @Test
    void should_keep_memory_in_the_data_dir_when_memory_is_on() {
        runner().withPropertyValues("qlp.memory.enabled=true", "qlp.store.type=in-memory").run(context -> {
            assertThat(context).hasSingleBean(MemoryStore.class).doesNotHaveBean(SemanticCache.class);
            assertThat(dataDir.resolve("memory")).isDirectory();
        });
    }

    @Test
    void should_leave_out_the_exact_cache_when_it_is_disabled() {
        withTier().withPropertyValues("qlp.cache.exact.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean(ExactCache.class)
                        .hasSingleBean(CapsuleGenerator.class));
    }

    @Test
    void should_fail_to_start_naming_the_key_when_a_value_is_invalid() {
        withTier().withPropertyValues("qlp.generation.max-attempts=50").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NonRetriableQlpException.class)
                    .hasMessageContaining("qlp.generation.max-attempts");
        });
    }

    @Test
    void should_leave_out_a_disabled_validator_when_qlp_validation_disables_it() {
        withTier().withPropertyValues("qlp.validation.disabled=security",
                "qlp.validation.validators.java.test-timeout=30s").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(CompositeValidator.class).name())
                    .contains("java").contains("python").doesNotContain("security");
        });
        withTier().run(context -> assertThat(context.getBean(CompositeValidator.class).name()).contains("security"));
    }

    @Test
    void should_fail_to_start_listing_the_validators_when_a_configured_name_matches_none() {
        withTier().withPropertyValues("qlp.validation.validators.pyhton.warm-pool=false").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOfSatisfying(NonRetriableQlpException.class,
                            e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.CONFIGURATION))
                    .hasMessageContaining("qlp.validation.validators.pyhton").hasMessageContaining("python");
        });
    }

    @Test
    void should_fail_to_start_naming_the_validator_key_when_a_factory_rejects_its_value() {
        withTier().withPropertyValues("qlp.validation.validators.python.warm-pool=sometimes").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NonRetriableQlpException.class)
                    .hasMessageContaining("qlp.validation.validators.python.warm-pool")
                    .hasMessageContaining("sometimes");
        });
    }

    @Test
    void should_back_off_when_qlp_core_is_not_on_the_class_path() {
        withTier().withClassLoader(new FilteredClassLoader(CapsuleGenerator.class))
                .run(context -> assertThat(context).doesNotHaveBean(CapsuleGenerator.class)
                        .doesNotHaveBean(CapsuleStore.class).doesNotHaveBean(QlpProperties.class));
    }

    @Test
    void should_use_the_users_beans_when_they_define_them() {
        withTier().withUserConfiguration(UserParts.class).run(context -> {
            assertThat(context).hasSingleBean(CapsuleStore.class).hasSingleBean(ExactCache.class)
                    .hasSingleBean(Validator.class).doesNotHaveBean(CompositeValidator.class);
            assertThat(context.getBean(CapsuleStore.class)).isSameAs(UserParts.STORE);
            assertThat(context.getBean(ExactCache.class)).isSameAs(UserParts.CACHE);

            Capsule capsule = context.getBean(CapsuleGenerator.class).generate(CapsuleRequest.builder()
                    .description("A greeter with a JUnit test").language(Language.JAVA).build());

            assertThat(UserParts.STORE.find(capsule.id())).isPresent();
            assertThat(capsule.validation().stages()).extracting(s -> s.name()).containsExactly("accept-all");
        });
    }

    @Test
    void should_route_with_the_users_router_when_the_user_defines_a_router_bean() {
        withTier().withUserConfiguration(UserParts.class, UserRouter.class).run(context -> {
            Capsule capsule = context.getBean(CapsuleGenerator.class).generate(CapsuleRequest.builder()
                    .description("A greeter routed by the application's router").language(Language.JAVA).build());
            assertThat(capsule.attempts().get(0).reason()).isEqualTo("user router");
        });
    }

    @Test
    void should_fail_naming_the_key_when_a_router_bean_and_qlp_routing_router_are_both_set() {
        withTier().withUserConfiguration(UserRouter.class).withPropertyValues("qlp.routing.router=cascade")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().isInstanceOf(NonRetriableQlpException.class)
                            .hasMessageContaining("qlp.routing.router").hasMessageContaining("cascade");
                });
    }

    @Test
    void should_route_with_the_router_that_qlp_routing_names() {
        withTier().withUserConfiguration(UserParts.class)
                .withPropertyValues("qlp.routing.router=cascade", "qlp.routing.cascade.ladder=T0")
                .run(context -> {
                    Capsule capsule = context.getBean(CapsuleGenerator.class).generate(CapsuleRequest.builder()
                            .description("A greeter routed by the cascade").language(Language.JAVA).build());
                    assertThat(capsule.attempts().get(0).reason()).startsWith("cascade");
                });
    }

    @Test
    void should_back_off_when_the_user_defines_the_generator() {
        withTier().withUserConfiguration(UserGenerator.class)
                .run(context -> assertThat(context.getBean(CapsuleGenerator.class))
                        .isSameAs(context.getBean("userGenerator")));
    }

    @Test
    void should_apply_customizers_and_tell_every_listener_bean() {
        withTier().withUserConfiguration(UserParts.class, CustomizerAndListener.class).run(context -> {
            CapsuleGenerator generator = context.getBean(CapsuleGenerator.class);
            assertThat(generator.tiers()).containsOnlyKeys(Tier.T0, Tier.T3);

            generator.generate(CapsuleRequest.builder().description("A greeter with a JUnit test")
                    .language(Language.JAVA).tierOverride(Tier.T3).build());

            List<ProgressEvent> events = context.getBean(CustomizerAndListener.class).events;
            assertThat(events).extracting(ProgressEvent::stage).contains(Stage.GENERATE, Stage.DONE);
            assertThat(events).filteredOn(e -> e.stage() == Stage.GENERATE).extracting(ProgressEvent::tier)
                    .containsOnly(Tier.T3);
        });
    }

    /** Parts an application brings: a store, a cache, a validator that accepts everything, a router. */
    @Configuration(proxyBeanMethods = false)
    static class UserParts {
        static final InMemoryCapsuleStore STORE = new InMemoryCapsuleStore();
        static final ExactCache CACHE = ExactCache.local();

        @Bean
        CapsuleStore userStore() {
            return STORE;
        }

        @Bean
        ExactCache userCache() {
            return CACHE;
        }

        @Bean
        Validator acceptAll() {
            return new Validator() {
                @Override
                public String name() {
                    return "accept-all";
                }

                @Override
                public boolean supports(Language language) {
                    return true;
                }

                @Override
                public ValidationReport validate(ValidationTarget target) {
                    return new ValidationReport(List.of(io.qlp.api.StageResult.of("accept-all", List.of(), 0)));
                }
            };
        }
    }

    /** An application's own router bean. */
    @Configuration(proxyBeanMethods = false)
    static class UserRouter {
        @Bean
        TierRouter userRouter() {
            return (request, available) -> new RoutingDecision(Tier.T0, "user router");
        }
    }

    /** A customizer that adds a tier in code, and a listener bean. */
    @Configuration(proxyBeanMethods = false)
    static class CustomizerAndListener implements ProgressListener {
        final List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        @Bean
        CapsuleGeneratorCustomizer strongTier() {
            return builder -> builder.tier(Tier.T3, ScriptedChatModel.answering(Answers.FIXED));
        }

        @Override
        public void onProgress(ProgressEvent event) {
            events.add(event);
        }
    }

    /** An application's own generator. */
    @Configuration(proxyBeanMethods = false)
    static class UserGenerator {
        @Bean
        CapsuleGenerator userGenerator() {
            return CapsuleGenerator.builder().tier(Tier.T0, ScriptedChatModel.answering(Answers.FIXED)).build();
        }
    }
}
