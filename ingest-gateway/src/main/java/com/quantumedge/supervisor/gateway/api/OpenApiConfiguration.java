package com.quantumedge.supervisor.gateway.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.quantumedge.supervisor.gateway.security.SecurityConfig;
import com.quantumedge.supervisor.gateway.web.JsonBody;
import com.quantumedge.supervisor.schemas.Symbols;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;

/**
 * The parts of the document that the controllers' annotations do not say, applied the same way to
 * every route so they cannot be forgotten on one: the two token schemes on every route but the
 * health probes, the error answers every route of a kind can give (each with {@link ErrorContract}'s
 * body), the string formats taken from {@link JsonBody}'s own patterns, and the named examples.
 */
@Configuration(proxyBeanMethods = false)
public class OpenApiConfiguration {

    static final String BEARER = "bearerToken";
    static final String API_TOKEN = "apiToken";
    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;
    private static final String ERROR_REF = "#/components/schemas/ErrorBody";
    /** On an example: the path and query parameters sent with it. */
    private static final String EXAMPLE_PARAMETERS = "x-parameters";
    /** On an answer example: the role of the token sent ({@code none} for no token); else the route's own role. */
    private static final String EXAMPLE_TOKEN = "x-token";

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info().title("QE Supervisor ingest-gateway").version("v1")
                        .description("The supervisor's authenticated HTTP front door. Bots post heartbeats, pre-trade order checks "
                                + "and executions; operators post control commands; viewers read status, dashboards and history. "
                                + "Every refusal is an ErrorBody whose field names the offending input. Tokens go in "
                                + "`Authorization: Bearer <token>` or `X-API-TOKEN: <token>`; a token has one role (bot, operator, viewer)."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("Authorization: Bearer <token>"))
                        .addSecuritySchemes(API_TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(SecurityConfig.API_TOKEN_HEADER)
                                .description("The same token in the " + SecurityConfig.API_TOKEN_HEADER + " header")))
                .tags(List.of(
                        new Tag().name("bot").description("Bot-role routes: heartbeat, order check, executions"),
                        new Tag().name("operator").description("Operator-role routes: control commands"),
                        new Tag().name("viewer").description("Viewer-role (and operator) read routes: status, dashboards, history"),
                        new Tag().name("health").description("Liveness and readiness probes, open to all")));
    }

    @Bean
    OpenApiCustomizer gatewayContract() {
        return OpenApiConfiguration::apply;
    }

    static void apply(OpenAPI api) {
        Components components = api.getComponents();
        ModelConverters.getInstance(true).readAll(ErrorContract.Body.class).forEach(components::addSchemas);
        components.addSchemas("Symbol", pattern(Pattern.compile("^" + Symbols.SEGMENTS_REGEX + "$"), "BTC/USDT:USDT", Symbols.DESCRIPTION)
                .maxLength(Symbols.MAX_LENGTH));
        components.addSchemas("BotId", pattern(JsonBody.BOT_ID, "bot-1", "Bot id"));
        components.addSchemas("Identifier", pattern(JsonBody.IDENTIFIER, "ord-42", "Client-chosen id"));
        components.getSchemas().values().forEach(OpenApiConfiguration::nullableEnumsListNull);
        api.setServers(List.of(new Server().url("/").description("this gateway")));
        Paths paths = api.getPaths();
        paths.forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> {
            boolean botRoute = path.equals("/api/v1/heartbeat") || path.equals("/api/v1/risk/evaluate")
                    || path.equals("/api/v1/executions");
            boolean body = operation.getRequestBody() != null;
            operation.setSecurity(List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_TOKEN)));
            ApiResponses responses = operation.getResponses();
            if (body) {
                error(responses, "400", "Invalid body: error.field names the offending input (nested as positions[0].qty)");
                error(responses, "413", "Body larger than supervisor.gateway.limits.max-body-bytes");
                error(responses, "415", "Content-Type is not application/json");
            }
            error(responses, "401", "No token, or an unknown one");
            error(responses, "403", botRoute ? "Not a bot token (FORBIDDEN), or the body names another bot (FORBIDDEN_BOT)"
                    : "This token's role may not use this route");
            error(responses, "406", "Accept does not allow the answer's media type");
            error(responses, "429", "Over this token's rate limit").addHeaderObject("Retry-After", retryAfter());
            if (botRoute) {
                error(responses, "500", "An unexpected failure (logged)");
            }
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    response.setContent(new Content().addMediaType(JSON, new MediaType().schema(new Schema<>().$ref(ERROR_REF))));
                }
                if (status.equals("503") && body) {
                    response.addHeaderObject("Retry-After", retryAfter());
                }
            });
            authExamples(responses, botRoute ? "viewer" : operation.getTags().contains("operator") ? "viewer" : "bot");
            operation.setResponses(sorted(responses));
        }));
        ApiExamples.ALL.forEach(example -> addExample(paths, example));
        paths.addPathItem("/actuator/health/liveness", probe("liveness", "Is the process alive (for restarts)"));
        paths.addPathItem("/actuator/health/readiness", probe("readiness",
                "Can it serve: the broker answers and the decision listener is positioned (for load balancers)"));
    }

    private static Schema<String> pattern(Pattern pattern, String example, String description) {
        Schema<String> schema = new StringSchema().pattern(pattern.pattern()).description(description);
        schema.setExample(example);
        return schema;
    }

    /**
     * A field that may be null and has an enum ({@code types} with "null" and {@code allowableValues}) must list
     * null among its values too, or JSON Schema refuses the null its type admits (OpenAPI 3.1, like pnl_source).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void nullableEnumsListNull(Schema<?> schema) {
        if (schema == null) {
            return;
        }
        if (schema.getTypes() != null && schema.getTypes().contains("null") && schema.getEnum() != null && !schema.getEnum().contains(null)) {
            List<Object> values = new java.util.ArrayList<>(schema.getEnum());
            values.add(null);
            ((Schema) schema).setEnum(values);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(OpenApiConfiguration::nullableEnumsListNull);
        }
        for (List<Schema> composed : java.util.Arrays.asList(schema.getAllOf(), schema.getOneOf(), schema.getAnyOf())) {
            if (composed != null) {
                composed.forEach(OpenApiConfiguration::nullableEnumsListNull);
            }
        }
        nullableEnumsListNull(schema.getItems());
    }

    private static ApiResponse error(ApiResponses responses, String status, String description) {
        return responses.computeIfAbsent(status, s -> new ApiResponse().description(description));
    }

    private static void authExamples(ApiResponses responses, String wrongRole) {
        Example noToken = new Example().summary("No token").value(json(ApiExamples.unauthorized(SecurityConfig.TOKEN_REQUIRED)));
        noToken.addExtension(EXAMPLE_TOKEN, "none");
        responses.get("401").getContent().get(JSON).addExamples(ApiExamples.NO_TOKEN, noToken);
        Example otherRole = new Example().summary("A " + wrongRole + " token")
                .value(json(ApiExamples.forbidden(SecurityConfig.ROLE_FORBIDDEN)));
        otherRole.addExtension(EXAMPLE_TOKEN, wrongRole);
        responses.get("403").getContent().get(JSON).addExamples(ApiExamples.WRONG_ROLE, otherRole);
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before retrying").schema(new Schema<Integer>().types(java.util.Set.of("integer")).minimum(
                java.math.BigDecimal.ONE));
    }

    private static ApiResponses sorted(ApiResponses responses) {
        ApiResponses out = new ApiResponses();
        new TreeMap<>(responses).forEach(out::addApiResponse);
        out.setExtensions(responses.getExtensions());
        return out;
    }

    private static void addExample(Paths paths, ApiExamples.Named named) {
        Operation operation = paths.values().stream().flatMap(p -> p.readOperations().stream())
                .filter(o -> named.operationId().equals(o.getOperationId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no operation " + named.operationId() + " for example " + named.name()));
        Example answer = new Example().summary(named.summary()).value(json(named.answer()));
        if (named.request() == null) {
            answer.addExtension(EXAMPLE_PARAMETERS, new LinkedHashMap<>(named.parameters()));
        } else {
            Example request = new Example().summary(named.summary()).value(json(named.request()));
            if (!named.parameters().isEmpty()) {
                request.addExtension(EXAMPLE_PARAMETERS, new LinkedHashMap<>(named.parameters()));
            }
            operation.getRequestBody().getContent().get(JSON).addExamples(named.name(), request);
        }
        ApiResponse response = operation.getResponses().get(Integer.toString(named.status()));
        if (response == null || response.getContent() == null || response.getContent().get(JSON) == null) {
            throw new IllegalStateException("example " + named.name() + " of " + named.operationId() + " answers undocumented "
                    + named.status());
        }
        response.getContent().get(JSON).addExamples(named.name(), answer);
    }

    private static Object json(String text) {
        try {
            return Json31.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalStateException("example is not JSON: " + text, e);
        }
    }

    private static PathItem probe(String name, String description) {
        Schema<?> health = new ObjectSchema().addProperty("status", new StringSchema()._enum(List.of("UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN")))
                .required(List.of("status"));
        Content content = new Content().addMediaType("application/vnd.spring-boot.actuator.v3+json", new MediaType().schema(health))
                .addMediaType(JSON, new MediaType().schema(health));
        Operation operation = new Operation().operationId(name).summary(description).addTagsItem("health")
                .security(List.of())
                .responses(new ApiResponses()
                        .addApiResponse("200", new ApiResponse().description("UP").content(content))
                        .addApiResponse("406", new ApiResponse().description("Accept allows no JSON media type"))
                        .addApiResponse("503", new ApiResponse().description("DOWN or OUT_OF_SERVICE").content(content)));
        return new PathItem().get(operation);
    }
}
