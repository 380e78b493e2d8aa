package io.jenkins.plugins.bluegreen.engine.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresExtensionTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension("harness");

    @Test
    void shouldListenOnLoopbackOnlyWithItsOwnDatabase() throws Exception {
        try (var connection = POSTGRES.connect(); var statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT current_setting('listen_addresses'), current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo("127.0.0.1");
            assertThat(rows.getString(2)).isEqualTo("harness");
        }
        assertThat(POSTGRES.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1:" + POSTGRES.port() + "/harness?user=postgres");
    }

    @Test
    void shouldGiveAPsqlCommandLineThatStopsAtTheFirstError() {
        assertThat(POSTGRES.psql("-c", "SELECT 1")).endsWith("-h", POSTGRES.socketDir(), "-p", String.valueOf(POSTGRES.port()),
                "-U", "postgres", "-d", "harness", "-c", "SELECT 1");
        assertThat(POSTGRES.runPsql("-t", "-A", "-c", "SELECT 40 + 2")).isEqualTo("42\n");
        assertThatThrownBy(() -> POSTGRES.runPsql("-c", "SELECT * FROM missing; SELECT 1"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("relation \"missing\" does not exist");
    }
}
