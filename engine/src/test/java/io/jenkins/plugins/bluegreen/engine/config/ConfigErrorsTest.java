package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user mistake is reported word for word: file, line, column, slash path, found and expected. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    private ConfigFixture files() {
        return new ConfigFixture(dir);
    }

    @Test
    void shouldSuggestTheClosestKeyForAnUnknownOne() {
        var f = files().write("config/deploy.yml", "service: shop", "image: shop/app", "servrs:", "  - web-1");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:3:1: unknown key 'servrs' (did you mean 'servers'?)",
                "DIR/config/deploy.yml: servers: expected a list of hosts or a map of roles, got nothing");
    }

    @Test
    void shouldNameTheSectionOfANestedUnknownKey() {
        var f = files().minimal("boot:", "  limt: 2", "x-bluegreen:", "  gate:", "    intervall: 2s");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:6:3: boot: unknown key 'limt' (did you mean 'limit'?)",
                "DIR/config/deploy.yml:9:5: x-bluegreen/gate: unknown key 'intervall' (did you mean 'interval'?)");
    }

    @Test
    void shouldListTheKnownKeysWhenNothingIsClose() {
        var f = files().minimal("ssh:", "  flavour: vanilla");

        assertThat(f.problems()).containsExactly("DIR/config/deploy.yml:6:3: ssh: unknown key 'flavour'"
                + " (expected one of: config, forward_agent, key_data, keys, keys_only, log_level, port, proxy, proxy_command, user)");
    }

    @Test
    void shouldSayWhatAHostWasInstead() {
        var f = files().write("config/deploy.yml", "service: shop", "image: shop/app", "servers:", "  web:",
                "    hosts:", "      - [a, b]", "      - web-2:ssh", "      - web-3", "      - web-3");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:6:9: servers/web/hosts/0: expected a host name, got a list",
                "DIR/config/deploy.yml:7:9: servers/web/hosts/1: host 'web-2:ssh': expected a numeric port after ':', got 'ssh'",
                "DIR/config/deploy.yml:9:9: servers/web/hosts/3: expected each host once, got 'web-3' again");
    }

    @Test
    void shouldReportEveryMistakeAtOnce() {
        var f = files().write("config/deploy.yml", "image: shop/app", "servers:", "  web:", "    hosts: []",
                "healthcheck:", "  interval: soon", "  max_attempts: 0", "retain_containers: many", "boot:",
                "  limit: 150%");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml: service: expected the service name, got nothing",
                "DIR/config/deploy.yml:4:5: servers/web/hosts: expected at least one host, got none",
                "DIR/config/deploy.yml:6:3: healthcheck/interval: expected a duration like 5s, 500ms, 10m, 1h or a number of seconds, got 'soon'",
                "DIR/config/deploy.yml:7:3: healthcheck/max_attempts: expected a whole number of at least 1, got 0",
                "DIR/config/deploy.yml:10:3: boot/limit: expected a number of hosts of at least 1 or a percentage like 25%, got '150%'",
                "DIR/config/deploy.yml:8:1: retain_containers: expected a whole number of at least 1, got 'many'");
    }

    @Test
    void shouldRejectDuplicateKeys() {
        var f = files().minimal("image: other/app");

        assertThat(f.problems()).containsExactly("DIR/config/deploy.yml:5:1: duplicate key 'image'");
    }

    @Test
    void shouldReportYamlSyntaxWithLineAndColumn() {
        var f = files().write("config/deploy.yml", "service: shop", "image: [shop", "servers: x");

        assertThat(f.problems()).hasSize(1).first().asString()
                .startsWith("DIR/config/deploy.yml:3:").contains(": not valid YAML: ");
    }

    @Test
    void shouldRejectAMissingPrimaryRole() {
        var f = files().write("config/deploy.yml", "service: shop", "image: shop/app", "servers:", "  job:", "    - job-1");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml: primary_role: expected the name of a role in servers (job), got 'web'");
    }

    @Test
    void shouldRejectBadEnvNamesAndSecrets() {
        var f = files().minimal("env:", "  clear:", "    bad-name: x", "  secret:", "    - DB_PASSWORD", "    - 'not a name'",
                "  secrit: []");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:11:3: env: unknown key 'secrit' (did you mean 'secret'?)",
                "DIR/config/deploy.yml:10:7: env/secret/1: expected a secret name like DB_PASSWORD or DB_PASSWORD:SOURCE_NAME, got 'not a name'",
                "DIR/config/deploy.yml:7:5: env/clear/bad-name: expected an environment variable name (letters, digits, _), got 'bad-name'");
    }

    @Test
    void shouldRejectEnvironmentReferencesWhereTheyAreNotRead() {
        var f = files().write("config/deploy.yml", "service: shop", "image: ${IMAGE}", "servers: [$WEB_HOST]");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:2:1: image: expected the image name, like a2d2/app, got the environment reference"
                + " '${IMAGE}' (references are read only in env and registry; use a destination for values that differ per environment)",
                "DIR/config/deploy.yml:3:11: servers/0: expected a host name, got the environment reference '$WEB_HOST'"
                + " (references are read only in env and registry; use a destination for values that differ per environment)");
    }

    @Test
    void shouldReportErbInADestinationFileAndIgnoreItInComments() {
        var f = files().minimal("# Kamal would say <%= `uname -a` %> here").write("config/deploy.staging.yml",
                "env:", "  BUILD: <%= `date +%s` %>");

        assertThat(f.problems("staging")).containsExactly("DIR/config/deploy.staging.yml:2: ERB '<%= `date +%s` %>' runs"
                + " a command, and the only commands run are the git version helpers; for a value from the deploying machine"
                + " use an environment reference such as $HOSTNAME or ENV[\"NAME\"]");
    }

    @Test
    void shouldSayWhenTheWorkspaceHasNoGitRevision() {
        var f = files().minimal("env:", "  BUILD: <%= `git rev-parse HEAD` %>");

        assertThat(f.problems()).hasSize(1).first().asString().startsWith("DIR/config/deploy.yml:6: ERB '<%= `git rev-parse"
                + " HEAD` %>' cannot be evaluated: git rev-parse HEAD failed in DIR: fatal: not a git repository");
    }

    @Test
    void shouldSayWhichVariableIsMissingWithoutAnyValue() {
        var ref = new SecretRef("GHCR_TOKEN");

        assertThatThrownBy(() -> ref.resolve(java.util.Map.<String, String>of()::get))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("environment variable GHCR_TOKEN: expected it to be set for the deploy, got nothing");
    }

    @Test
    void shouldRejectABadServiceName() {
        var f = files().write("config/deploy.yml", "service: my shop", "image: shop/app", "servers: [web-1]");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:1:1: service: expected a name of letters, digits, - and _, got 'my shop'");
    }

    @Test
    void shouldRejectAFileThatIsNotAMap() {
        var f = files().write("config/deploy.yml", "- service: shop");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml: expected a map of settings (service, image, servers, ...), got a list");
    }

    /** A config whose {@code levels} anchors each list the one before {@code width} times: width^levels values. */
    private ConfigFixture aliasBomb(final int levels, final int width) {
        var lines = new ArrayList<>(List.of("service: shop", "image: shop/app", "servers: [web-1]",
                "x-0: &a0 [" + String.join(", ", Collections.nCopies(width, "lol")) + "]"));
        for (int i = 1; i < levels; i++) {
            lines.add("x-" + i + ": &a" + i + " [" + String.join(", ", Collections.nCopies(width, "*a" + (i - 1))) + "]");
        }
        return files().write("config/deploy.yml", lines.toArray(String[]::new));
    }

    @Test
    void shouldSayAnAliasBombHasTooManyAliases() {
        assertThat(aliasBomb(13, 9).problems()).containsExactly("DIR/config/deploy.yml: not valid YAML: too many aliases"
                + " (expected at most 100 aliases of lists and maps)");
    }

    @Test
    void shouldSayAFewNestedAliasesExpandToTooManySettings() {
        assertThat(aliasBomb(6, 10).problems()).containsExactly("DIR/config/deploy.yml: not valid YAML: too many aliases"
                + " (expected at most 50000 settings once aliases are expanded, got more)");
    }

    @Test
    void shouldRefuseAHugeFileSayingItsSize() {
        var lines = new ArrayList<>(List.of("service: shop", "image: shop/app", "servers:"));
        for (int i = 0; i < 200_000; i++) {
            lines.add("  - web-" + i + ".internal");
        }
        var f = files().write("config/deploy.yml", lines.toArray(String[]::new));

        assertThat(f.problems()).containsExactly("DIR/config/deploy.yml: expected a deploy config of at most 1 MB,"
                + " got a file of 4.5 MB");
    }

    @Test
    void shouldSayWhenTheFileIsMissing() {
        assertThat(files().problems()).containsExactly("DIR/config/deploy.yml: file not found");
    }
}
