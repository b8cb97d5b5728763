package com.quantumedge.supervisor.gateway.config;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import com.quantumedge.supervisor.gateway.GatewayApplication;

/**
 * Makes a gateway context read {@code ingest-gateway.yml} instead of {@code application.yml}: the
 * launcher runs every service in one JVM, where {@code classpath:application.yml} would be whichever
 * service's jar comes first. Applies only to contexts built from {@link GatewayApplication}, and only
 * when nobody chose a config name already.
 */
public class GatewayConfigName implements EnvironmentPostProcessor, Ordered {

    static final String CONFIG_NAME = "ingest-gateway";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (application.getAllSources().contains(GatewayApplication.class) && !environment.containsProperty("spring.config.name")) {
            environment.getPropertySources().addLast(new MapPropertySource("ingest-gateway-config-name",
                    Map.of("spring.config.name", CONFIG_NAME)));
        }
    }

    @Override
    public int getOrder() {
        // Before ConfigDataEnvironmentPostProcessor, which reads spring.config.name.
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
