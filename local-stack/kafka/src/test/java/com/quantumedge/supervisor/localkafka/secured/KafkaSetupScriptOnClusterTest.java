package com.quantumedge.supervisor.localkafka.secured;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.tools.AclCommand;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import com.quantumedge.supervisor.localkafka.CatalogAcls;
import com.quantumedge.supervisor.localkafka.ClusterSetupScript;
import com.quantumedge.supervisor.localkafka.SecuredKafkaCluster;
import com.quantumedge.supervisor.localkafka.testing.SharedSecuredKafkaCluster;

/**
 * The {@code kafka-acls.sh} lines that {@code ./supervisor topics --acls} prints, run with Kafka's
 * own {@code AclCommand} against the secured cluster, create exactly the catalog's bindings. The
 * principals are renamed for the run ({@code User:qe-x} → {@code User:script-<id>-qe-x}) so the
 * cluster's real ACLs, which the other tests rely on, are never touched; the renamed ones are
 * removed afterwards.
 */
class KafkaSetupScriptOnClusterTest {

    private static final String ACLS_TOOL = "kafka-acls.sh ";
    private static final String PRINCIPAL_PREFIX = "User:qe-";

    private final SecuredKafkaCluster cluster = SharedSecuredKafkaCluster.get();

    @Test
    @DisplayName("the script's kafka-acls.sh commands, run by Kafka's AclCommand, create exactly the catalog's ACL bindings")
    void aclCommandsCreateTheCatalogBindings() throws Exception {
        String renamed = "User:script-" + UUID.randomUUID().toString().substring(0, 8) + "-qe-";
        Path adminConfig = adminConfigFile();
        List<String> commands = ClusterSetupScript.lines(SecuredKafkaCluster.REPLICATION).stream()
                .filter(line -> line.startsWith(ACLS_TOOL)).toList();
        assertThat(commands).isNotEmpty();

        Set<AclBinding> expected = new HashSet<>();
        for (AclBinding b : CatalogAcls.bindings()) {
            AccessControlEntry e = b.entry();
            expected.add(new AclBinding(b.pattern(), new AccessControlEntry(rename(e.principal(), renamed), e.host(),
                    e.operation(), e.permissionType())));
        }
        try (Admin admin = Admin.create(cluster.adminProperties())) {
            try {
                Exit.setExitProcedure((code, message) -> {
                    throw new AssertionError("kafka-acls.sh exited " + code + (message == null ? "" : ": " + message));
                });
                for (String command : commands) {
                    AclCommand.main(arguments(command, renamed, adminConfig));
                }
            } finally {
                Exit.resetExitProcedure();
            }
            assertThat(renamedBindings(admin, expected)).containsExactlyInAnyOrderElementsOf(expected);
        } finally {
            try (Admin admin = Admin.create(cluster.adminProperties())) {
                admin.deleteAcls(principalFilters(expected)).all().get(60, TimeUnit.SECONDS);
            }
        }
    }

    /** The command line after {@code kafka-acls.sh}, as the shell would split it, on this cluster and with the renamed principals. */
    private String[] arguments(String command, String renamed, Path adminConfig) {
        String line = command.substring(ACLS_TOOL.length())
                .replace("\"$KAFKA_BOOTSTRAP\"", cluster.bootstrapServers())
                .replace("--command-config admin.properties", "--command-config " + adminConfig)
                .replace(PRINCIPAL_PREFIX, renamed);
        assertThat(line).doesNotContain("\"").doesNotContain("$");
        return line.split(" ");
    }

    private static String rename(String principal, String renamed) {
        assertThat(principal).startsWith(PRINCIPAL_PREFIX);
        return renamed + principal.substring(PRINCIPAL_PREFIX.length());
    }

    /** Every binding of the renamed principals (the cluster may take a moment to show them). */
    private static Set<AclBinding> renamedBindings(Admin admin, Set<AclBinding> expected) throws Exception {
        Set<String> principals = new HashSet<>();
        expected.forEach(b -> principals.add(b.entry().principal()));
        Set<AclBinding> found = Set.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            found = new HashSet<>();
            for (AclBinding b : admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS)) {
                if (principals.contains(b.entry().principal())) {
                    found.add(b);
                }
            }
            if (found.equals(expected)) {
                break;
            }
            Thread.sleep(200);
        }
        return found;
    }

    private static List<AclBindingFilter> principalFilters(Set<AclBinding> bindings) {
        Set<String> principals = new HashSet<>();
        bindings.forEach(b -> principals.add(b.entry().principal()));
        List<AclBindingFilter> filters = new ArrayList<>();
        for (String principal : principals) {
            filters.add(new AclBindingFilter(ResourcePatternFilter.ANY,
                    new AccessControlEntryFilter(principal, null, AclOperation.ANY, AclPermissionType.ANY)));
        }
        return filters;
    }

    /** {@code admin.properties} of the script: the super user's client settings, bootstrap aside. */
    private Path adminConfigFile() throws IOException {
        Properties props = new Properties();
        cluster.adminProperties().forEach((k, v) -> {
            if (!CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG.equals(k)) {
                props.setProperty(k, v.toString());
            }
        });
        Path file = Files.createTempFile(cluster.dir(), "admin", ".properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "kafka-acls.sh --command-config");
        }
        return file;
    }
}
