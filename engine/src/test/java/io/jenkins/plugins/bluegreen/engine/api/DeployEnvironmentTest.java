package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeployEnvironmentTest {
    private static final Map<String, String> STEP_ENV = Map.of("REGISTRY_PASSWORD", "ghp_s3cret", "RAILS_ENV", "production",
            "AWS_SECRET_ACCESS_KEY", "not-for-this-deploy", "PATH", "/usr/bin");

    @Test
    void shouldKeepOnlyTheNamesTheConfigRefersTo() {
        var environment = DeployEnvironment.of(STEP_ENV, Set.of("REGISTRY_PASSWORD", "AWS_SECRET_ACCESS_KEY"),
                List.of("REGISTRY_PASSWORD", "RAILS_ENV", "DB_PASSWORD"), Map.of());

        assertThat(environment.get("REGISTRY_PASSWORD")).isEqualTo("ghp_s3cret");
        assertThat(environment.get("RAILS_ENV")).isEqualTo("production");
        assertThat(environment.get("AWS_SECRET_ACCESS_KEY")).isNull();
        assertThat(environment.get("PATH")).isNull();
        assertThat(environment.get("DB_PASSWORD")).isNull();
    }

    @Test
    void shouldMaskTheValuesOfSensitiveNamesOnly() {
        var environment = DeployEnvironment.of(STEP_ENV, Set.of("REGISTRY_PASSWORD", "AWS_SECRET_ACCESS_KEY"),
                List.of("REGISTRY_PASSWORD", "RAILS_ENV"), Map.of());

        assertThat(environment.secrets()).containsExactly("ghp_s3cret");
    }

    @Test
    void shouldNameNoValueWhenPrinted() {
        var environment = DeployEnvironment.of(STEP_ENV, Set.of("REGISTRY_PASSWORD"), List.of("REGISTRY_PASSWORD", "RAILS_ENV"), Map.of());

        assertThat(environment).hasToString("DeployEnvironment[RAILS_ENV, REGISTRY_PASSWORD]");
    }

    /** Inside node, a step's environment starts from the agent's process environment, which every build there reads. */
    @Test
    void shouldLeaveOutWhatStillHasTheMachinesValueUnlessACredentialBoundIt() {
        var machine = Map.of("REGISTRY_PASSWORD", "ghp_s3cret", "RAILS_ENV", "production", "DB_PASSWORD", "agent-wide");
        var step = Map.of("REGISTRY_PASSWORD", "ghp_s3cret", "RAILS_ENV", "staging", "DB_PASSWORD", "agent-wide");

        var environment = DeployEnvironment.of(step, Set.of("REGISTRY_PASSWORD"),
                List.of("REGISTRY_PASSWORD", "RAILS_ENV", "DB_PASSWORD"), machine);

        assertThat(environment.get("REGISTRY_PASSWORD")).as("bound by withCredentials").isEqualTo("ghp_s3cret");
        assertThat(environment.get("RAILS_ENV")).as("set by the pipeline").isEqualTo("staging");
        assertThat(environment.get("DB_PASSWORD")).as("only the agent's").isNull();
    }
}
