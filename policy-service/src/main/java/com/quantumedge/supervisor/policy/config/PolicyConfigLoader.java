package com.quantumedge.supervisor.policy.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * Reads a policy from a YAML or properties file (keys under {@code supervisor.policy}, as in the
 * service's configuration) with the same binding and defaults the service uses; for replays.
 */
public final class PolicyConfigLoader {

    private PolicyConfigLoader() {
    }

    /** @throws IllegalArgumentException naming every invalid setting */
    public static PolicyConfig load(Path file) {
        String name = file.getFileName().toString();
        PropertySourceLoader loader = name.endsWith(".properties")
                ? new PropertiesPropertySourceLoader() : new YamlPropertySourceLoader();
        try {
            List<PropertySource<?>> sources = loader.load(name, new FileSystemResource(file));
            Binder binder = new Binder(ConfigurationPropertySources.from(sources));
            return validated(binder.bindOrCreate("supervisor.policy", Bindable.of(PolicyConfig.class)), file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read policy file " + file, e);
        }
    }

    private static PolicyConfig validated(PolicyConfig config, Path file) {
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Set<ConstraintViolation<PolicyConfig>> violations = factory.getValidator().validate(config);
            if (!violations.isEmpty()) {
                throw new IllegalArgumentException("Invalid policy in " + file + ": " + violations.stream()
                        .map(v -> "supervisor.policy." + v.getPropertyPath() + " " + v.getMessage())
                        .sorted().collect(Collectors.joining("; ")));
            }
            return config;
        }
    }
}
