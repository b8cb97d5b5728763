package com.quantumedge.supervisor.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** What the console's code may not do, read from the files the jar serves. */
class ConsoleAssetsTest {

    private static Resource[] modules() throws IOException {
        return new PathMatchingResourcePatternResolver().getResources("classpath:/gateway-console/console/*.js");
    }

    @Test
    @DisplayName("no module parses HTML or evaluates strings: every text from the system is set as text")
    void noHtmlSinks() throws IOException {
        Resource[] modules = modules();
        assertThat(modules).hasSizeGreaterThanOrEqualTo(8);
        for (Resource module : modules) {
            String code = module.getContentAsString(StandardCharsets.UTF_8);
            assertThat(code).as(module.getFilename())
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function")
                    .doesNotContain("createContextualFragment").doesNotContain("DOMParser");
        }
    }

    @Test
    @DisplayName("no module loads anything from another origin (the page works on an air-gapped host)")
    void nothingFromElsewhere() throws IOException {
        for (Resource module : modules()) {
            String code = module.getContentAsString(StandardCharsets.UTF_8);
            assertThat(code).as(module.getFilename()).doesNotContain("http://").doesNotContain("https://");
            assertThat(Arrays.stream(code.split("\n")).filter(l -> l.startsWith("import ")))
                    .as(module.getFilename()).allMatch(l -> l.matches("import .* from '\\./[a-z]+\\.js';"));
        }
    }

    @Test
    @DisplayName("the token is kept in sessionStorage only, never in localStorage, a cookie or a URL")
    void tokenStaysInSessionStorage() throws IOException {
        for (Resource module : modules()) {
            String code = module.getContentAsString(StandardCharsets.UTF_8);
            assertThat(code).as(module.getFilename()).doesNotContain("localStorage").doesNotContain("document.cookie")
                    .doesNotContainPattern("[?&]token=");
        }
    }
}
