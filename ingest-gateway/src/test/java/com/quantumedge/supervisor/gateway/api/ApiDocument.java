package com.quantumedge.supervisor.gateway.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.quantumedge.supervisor.gateway.support.Http;
import com.quantumedge.supervisor.gateway.support.RunningGateway;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's OpenAPI document as served, and its schemas as JSON Schema 2020-12 validators
 * (OpenAPI 3.1 schemas are JSON Schema; {@code #/components/...} references resolve against the document).
 */
final class ApiDocument {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    final JsonNode root;

    private ApiDocument(JsonNode root) {
        this.root = root;
    }

    static ApiDocument fetch(RunningGateway gateway) {
        Http.Response response = Http.get(gateway.url("/v3/api-docs"), gateway.token("viewer"));
        if (response.status() != 200) {
            throw new IllegalStateException("/v3/api-docs answered " + response.status() + ": " + response.body());
        }
        return new ApiDocument(response.json());
    }

    /** Every operation, with its path and method. */
    List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
                out.add(new Operation(path.getKey(), method.getKey().toUpperCase(java.util.Locale.ROOT), method.getValue()));
            }
        }
        return out;
    }

    /** What the instance breaks of the schema; empty when it conforms. */
    List<String> violations(JsonNode schema, JsonNode instance) {
        ObjectNode standalone = (ObjectNode) schema.deepCopy();
        standalone.set("components", root.path("components"));
        Schema validator = REGISTRY.getSchema(standalone);
        return validator.validate(instance).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    record Operation(String path, String method, JsonNode node) {

        String id() {
            return node.path("operationId").asString();
        }

        /** The role of the tokens this route admits, by its tag: bot, operator or viewer. */
        String role() {
            return node.path("tags").path(0).asString();
        }

        JsonNode requestExample(String name) {
            return node.path("requestBody").path("content").path("application/json").path("examples").path(name);
        }

        JsonNode jsonContent(String status) {
            return node.path("responses").path(status).path("content").path("application/json");
        }
    }
}
