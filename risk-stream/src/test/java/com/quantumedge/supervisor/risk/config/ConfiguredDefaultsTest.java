package com.quantumedge.supervisor.risk.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import com.quantumedge.supervisor.avro.RiskLimits;
import com.quantumedge.supervisor.schemas.Topics;
import com.quantumedge.supervisor.schemas.limits.BuiltinLimits;
import com.quantumedge.supervisor.schemas.limits.Limit;
import com.quantumedge.supervisor.schemas.limits.LimitCheck;
import com.quantumedge.supervisor.schemas.limits.LimitsChanges;
import com.quantumedge.supervisor.schemas.limits.LimitsValidator;

/**
 * The defaults record risk-stream.yml publishes is the built-in defaults, so what a fresh install
 * shows on the limits topic is what applies before anything is published, and the README documents
 * every limit and check.
 */
class ConfiguredDefaultsTest {

    private static RiskStreamProperties bound() throws IOException {
        StandardEnvironment environment = new StandardEnvironment();
        for (PropertySource<?> source : new YamlPropertySourceLoader().load("risk-stream.yml", new ClassPathResource("risk-stream.yml"))) {
            environment.getPropertySources().addLast(source);
        }
        return new Binder(ConfigurationPropertySources.get(environment)).bind("supervisor.risk", RiskStreamProperties.class).get();
    }

    @Test
    @DisplayName("risk-stream.yml's defaults record has the same content as the built-in defaults, and is valid")
    void configuredDefaultsAreTheBuiltinOnes() throws IOException {
        RiskLimits configured = bound().limits().defaults().toRecord(Topics.DEFAULT_LIMITS_KEY);

        assertThat(LimitsChanges.changedFields(BuiltinLimits.record(), configured)).isEmpty();
        assertThat(LimitsValidator.validate(configured)).isEmpty();
        assertThat(configured.getDisabledChecks()).isEmpty();
    }

    @Test
    @DisplayName("the README names every limit (as configured, kebab-case) and every check that can be switched off")
    void readmeDocumentsEveryLimitAndCheck() throws IOException {
        String readme = Files.readString(Path.of("README.md"));

        List<String> names = Stream.concat(
                Stream.of(Limit.values()).map(l -> l.field().replace('_', '-')),
                Stream.of(LimitCheck.values()).map(LimitCheck::name)).toList();
        assertThat(names).allSatisfy(name -> assertThat(readme).as(name).contains("`" + name));
    }
}
