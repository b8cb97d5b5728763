package com.quantumedge.supervisor.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the console's code may not do, read from the files the jar serves. Our own modules are
 * {@code console/*.js}; third-party libraries are copied unchanged under {@code console/vendor/} (see
 * its README), so they are held to what the browser would suffer from (no HTML sinks, nothing loaded
 * from elsewhere, no token storage) but not to our import style, and may name URLs in comments.
 */
class ConsoleAssetsTest {

    private static final Pattern VENDOR_VERSION = Pattern.compile("# uPlot (\\d+\\.\\d+\\.\\d+)");

    private static Resource[] ownModules() throws IOException {
        return resources("classpath:/gateway-console/console/*.js");
    }

    private static Resource[] vendoredModules() throws IOException {
        return resources("classpath:/gateway-console/console/vendor/**/*.js");
    }

    private static Resource[] allModules() throws IOException {
        return Stream.concat(Arrays.stream(ownModules()), Arrays.stream(vendoredModules())).toArray(Resource[]::new);
    }

    private static Resource[] resources(String pattern) throws IOException {
        return new PathMatchingResourcePatternResolver().getResources(pattern);
    }

    private static String text(Resource resource) throws IOException {
        return resource.getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("no module, ours or vendored, parses HTML or evaluates strings: every text from the system is set as text")
    void noHtmlSinks() throws IOException {
        assertThat(ownModules()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(vendoredModules()).extracting(Resource::getFilename).containsExactly("uPlot.esm.js");
        for (Resource module : allModules()) {
            assertThat(text(module)).as(module.getFilename())
                    .doesNotContain("innerHTML").doesNotContain("outerHTML").doesNotContain("insertAdjacentHTML")
                    .doesNotContain("document.write").doesNotContain("eval(").doesNotContain("new Function")
                    .doesNotContain("createContextualFragment").doesNotContain("DOMParser");
        }
    }

    @Test
    @DisplayName("no module loads anything from another origin (the page works on an air-gapped host)")
    void nothingFromElsewhere() throws IOException {
        for (Resource module : ownModules()) {
            String code = text(module);
            assertThat(code).as(module.getFilename()).doesNotContain("http://").doesNotContain("https://");
            assertThat(Arrays.stream(code.split("\n")).filter(l -> l.startsWith("import ")))
                    .as(module.getFilename())
                    .allMatch(l -> l.matches("import .* from '\\./([a-z]+|vendor/[a-z]+/[A-Za-z.]+)\\.js';"));
        }
        for (Resource module : vendoredModules()) {
            // A library's comments cite its home page and Stack Overflow; its code must name no URL and import nothing.
            assertThat(Arrays.stream(text(module).split("\n"))
                    .filter(l -> l.contains("http://") || l.contains("https://"))
                    .map(String::strip))
                    .as(module.getFilename())
                    .allMatch(l -> l.startsWith("//") || l.startsWith("*") || l.startsWith("/*"));
            assertThat(text(module)).as(module.getFilename()).doesNotContainPattern("(?m)^\\s*import[\\s{(]");
        }
    }

    @Test
    @DisplayName("the vendored uPlot is the version its README records, so an update is never half done")
    void vendoredVersionIsRecorded() throws IOException {
        Matcher readme = VENDOR_VERSION.matcher(text(resources("classpath:/gateway-console/console/vendor/uplot/README.md")[0]));
        assertThat(readme.find()).as("README names the version").isTrue();
        assertThat(text(vendoredModules()[0])).contains("uPlot (v" + readme.group(1) + ")");
        assertThat(resources("classpath:/gateway-console/console/vendor/uplot/LICENSE")[0].exists()).isTrue();
    }

    @Test
    @DisplayName("the token is kept in sessionStorage only, never in localStorage, a cookie or a URL")
    void tokenStaysInSessionStorage() throws IOException {
        for (Resource module : allModules()) {
            assertThat(text(module)).as(module.getFilename()).doesNotContain("localStorage").doesNotContain("document.cookie")
                    .doesNotContainPattern("[?&]token=");
        }
    }
}
