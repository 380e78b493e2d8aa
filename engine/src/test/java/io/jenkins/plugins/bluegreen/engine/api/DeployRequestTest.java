package io.jenkins.plugins.bluegreen.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DeployRequestTest {
    private static DeployRequest request(final String configFile, final String destination, final String version) {
        return new DeployRequest(configFile, destination, version, "alice", false, null, null);
    }

    @Test
    void shouldDefaultTheConfigFileAndGate() {
        var r = request(null, " ", "v1.2.3");

        assertThat(r.configFile()).isEqualTo("config/deploy.yml");
        assertThat(r.destination()).isNull();
        assertThat(r.gate()).as("the config's gate applies").isNull();
    }

    @Test
    void shouldKeepAValidRequestAsGiven() {
        var r = request("ops/deploy.yml", "production", "3f2a9c1");

        assertThat(r.configFile()).isEqualTo("ops/deploy.yml");
        assertThat(r.destination()).isEqualTo("production");
        assertThat(r.version()).isEqualTo("3f2a9c1");
    }

    @Test
    void shouldRefuseAConfigFileOutsideTheWorkspace() {
        assertThatThrownBy(() -> request("/etc/deploy.yml", null, "v1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("configFile: expected a path inside the workspace such as config/deploy.yml,"
                        + " got the absolute path '/etc/deploy.yml'");
        assertThatThrownBy(() -> request("config/../../deploy.yml", null, "v1"))
                .hasMessage("configFile: expected a path inside the workspace such as config/deploy.yml,"
                        + " got 'config/../../deploy.yml' which climbs out of it with '..'");
    }

    @Test
    void shouldRefuseADestinationThatCannotNameAFile() {
        assertThatThrownBy(() -> request(null, "Prod/EU", "v1"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("destination: expected a name of lower-case letters, digits, '-' or '_'"
                        + " (it names config/deploy.<destination>.yml), got 'Prod/EU'");
    }

    @Test
    void shouldRequireAVersion() {
        assertThatThrownBy(() -> request(null, null, ""))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("version: expected a release version (the image tag, e.g. a commit id or v1.2.3), got nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"v 1", "-rc1", ".hidden", "v1;rm", "a:b"})
    void shouldRefuseAVersionThatIsNoImageTag(final String version) {
        assertThatThrownBy(() -> request(null, null, version))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("version: expected an image tag")
                .hasMessageEndingWith("got '" + version + "'");
    }

    @Test
    void shouldRequireAReasonForAHotfix() {
        assertThatThrownBy(() -> new DeployRequest(null, null, "v2", "alice", true, " ", null))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("reason: expected why this hotfix cannot wait for the deployment window, got nothing");
    }

    @Test
    void shouldAcceptAHotfixWithAReason() {
        var r = new DeployRequest(null, "production", "v2", "alice", true, "checkout is down", null);

        assertThat(r.hotfix()).isTrue();
        assertThat(r.reason()).isEqualTo("checkout is down");
    }
}
