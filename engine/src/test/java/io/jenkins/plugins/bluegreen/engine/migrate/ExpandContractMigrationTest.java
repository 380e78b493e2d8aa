package io.jenkins.plugins.bluegreen.engine.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.jenkins.plugins.bluegreen.engine.migrate.lint.AllowedFinding;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.MigrationLint;
import io.jenkins.plugins.bluegreen.engine.migrate.lint.Policy;
import io.jenkins.plugins.bluegreen.engine.testbed.PostgresExtension;

/**
 * Applies a safe migration, then an expand/contract pair, with psql against a real PostgreSQL, and
 * plays the releases' queries in between: the old release keeps working after the expand step and
 * only the contract step, opted out with its reason, removes what it used.
 */
class ExpandContractMigrationTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    private static final String V1_INSERT = "INSERT INTO customers (first_name, last_name) VALUES ('Ada', 'Lovelace')";
    private static final String V1_READ = "SELECT first_name || ' ' || last_name FROM customers ORDER BY id";
    private static final String V2_INSERT = "INSERT INTO customers (full_name) VALUES ('Grace Hopper')";
    private static final String V2_READ = "SELECT full_name FROM customers ORDER BY id";

    @Test
    void shouldKeepTheOldReleaseWorkingUntilTheContractStep() throws Exception {
        var v1 = migration("V1__create_customers.sql");
        var expand = migration("V2__expand_full_name.sql");
        var contract = migration("V3__contract_first_last_name.sql");
        assertThat(MigrationLint.lint(List.of(v1, expand), Policy.FAIL).findings()).isEmpty();
        var contractLint = MigrationLint.lint(List.of(contract), Policy.FAIL);
        assertThat(contractLint.failed()).isFalse();
        assertThat(contractLint.allowed()).extracting(AllowedFinding::reason)
                .containsOnly("v2, live everywhere, reads and writes full_name only");

        POSTGRES.runPsql("-f", v1.toString());
        update(V1_INSERT);

        POSTGRES.runPsql("-f", expand.toString());
        update(V1_INSERT.replace("Ada", "Charles").replace("Lovelace", "Babbage"));
        assertThat(read(V1_READ)).containsExactly("Ada Lovelace", "Charles Babbage");
        update(V2_INSERT);
        assertThat(read(V2_READ)).containsExactly("Ada Lovelace", null, "Grace Hopper");

        POSTGRES.runPsql("-f", contract.toString());
        assertThat(read(V2_READ)).containsExactly("Ada Lovelace", "Charles Babbage", "Grace Hopper");
        assertThatThrownBy(() -> read(V1_READ)).isInstanceOf(SQLException.class).hasMessageContaining("first_name");
        assertThat(POSTGRES.runPsql("-t", "-A", "-c", "SELECT count(*) FROM customers")).isEqualTo("3\n");
    }

    private static void update(final String sql) throws SQLException {
        try (var connection = POSTGRES.connect(); var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static List<String> read(final String sql) throws SQLException {
        try (var connection = POSTGRES.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            var values = new ArrayList<String>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }

    private static Path migration(final String name) throws URISyntaxException {
        return Path.of(ExpandContractMigrationTest.class.getResource("/fixtures/migrations/expand-contract/" + name).toURI());
    }
}
