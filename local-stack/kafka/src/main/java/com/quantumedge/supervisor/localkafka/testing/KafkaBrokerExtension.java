package com.quantumedge.supervisor.localkafka.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import com.quantumedge.supervisor.localkafka.LocalKafkaBroker;

/**
 * {@code @ExtendWith(KafkaBrokerExtension.class)}: the test class runs against the JVM's
 * {@link SharedKafkaBroker}, which it can take as a {@link LocalKafkaBroker} parameter. Spring tests
 * read {@code SharedKafkaBroker.bootstrapServers()} in a {@code @DynamicPropertySource}.
 */
public final class KafkaBrokerExtension implements BeforeAllCallback, ParameterResolver {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedKafkaBroker.get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return SharedKafkaBroker.get();
    }
}
