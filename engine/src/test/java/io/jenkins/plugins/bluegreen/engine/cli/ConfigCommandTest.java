package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConfigCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args) {
        var cli = new CommandLine(new BlueGreenCli());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    private static String seed(final String name) {
        try {
            return Path.of(ConfigCommandTest.class.getResource("/fixtures/" + name + "/config/deploy.yml").toURI()).toString();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldPassAValidConfig() {
        int code = run("config", "check", "--file", seed("seed"), "--destination", "production");

        assertThat(code).isZero();
        assertThat(out.toString()).isEqualTo(seed("seed") + ": ok (service a2d2, 2 roles, 4 hosts, destination production)\n");
    }

    @Test
    void shouldCheckEveryDestinationWithAll() throws IOException {
        var file = dir.resolve("deploy.yml");
        Files.writeString(file, "service: shop\nimage: shop/app\nservers: [web-1]\nstaging:\n  servers: [stage-1]\n");
        Files.writeString(dir.resolve("deploy.production.yml"), "servers: {web: [prod-1, prod-2]}\nboot: {wait: later}\n");

        int code = run("config", "check", "--all", "-f", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEqualTo(file + ": ok (service shop, 1 roles, 1 hosts, destination staging)\n");
        assertThat(err.toString()).isEqualTo(dir.resolve("deploy.production.yml") + ":2:8: boot/wait: expected a duration"
                + " like 5s, 500ms, 10m, 1h or a number of seconds, got 'later'\n");
    }

    @Test
    void shouldFailWithEveryProblemOnStderr() throws IOException {
        var file = dir.resolve("deploy.yml");
        Files.writeString(file, "service: shop\nimage: shop/app\nservers: [web-1]\nboot: {limt: 2, wait: soon}\n");

        int code = run("config", "check", "-f", file.toString());

        assertThat(code).isEqualTo(2);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo(
                file + ":4:8: boot: unknown key 'limt' (did you mean 'limit'?)\n"
                + file + ":4:17: boot/wait: expected a duration like 5s, 500ms, 10m, 1h or a number of seconds, got 'soon'\n");
    }

    @Test
    void shouldPrintTheErbProblemWithoutAStackTrace() {
        int code = run("config", "check", "--file", seed("seed-erb"), "-d", "production");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).startsWith(seed("seed-erb") + ":49: ERB '<%= `hostname` %>' runs a command").doesNotContain("Exception");
    }

    @Test
    void shouldPutWarningsOnStderr() throws IOException {
        var file = dir.resolve("deploy.yml");
        Files.writeString(file, "service: shop\nimage: shop/app\nservers: [web-1]\nbuilder: {arch: amd64}\n");

        int code = run("config", "check", "-f", file.toString());

        assertThat(code).isZero();
        assertThat(err.toString()).isEqualTo("warning: " + file
                + ": Kamal settings that blue-green deploys do not use (ignored): builder\n");
    }

    @Test
    void shouldShowTheResolvedConfigAsJsonWithSecretsAsReferences() throws IOException {
        int code = run("config", "show", "--file", seed("seed"), "--destination", "production");

        assertThat(code).isZero();
        var json = new ObjectMapper().readTree(out.toString());
        assertThat(json.at("/service").asText()).isEqualTo("a2d2");
        assertThat(json.at("/servers/web/hosts/0").asText()).isEqualTo("production-web-1.internal:22");
        assertThat(json.at("/servers/web/options/cpus").asText()).isEqualTo("4");
        assertThat(json.at("/registry/password").asText()).isEqualTo("$GHCR_TOKEN");
        assertThat(json.at("/env/clear/SOLID_QUEUE_PROCESS_ID").asText()).isEqualTo("$HOSTNAME");
        assertThat(json.at("/healthcheck/interval").asText()).isEqualTo("5s");
        assertThat(json.at("/boot/limit").asText()).isEqualTo("30");
        assertThat(json.at("/x-bluegreen/ports/green").asInt()).isEqualTo(3002);
        assertThat(json.at("/x-bluegreen/gate/paths/0/path").asText()).isEqualTo("/health");
    }

    @Test
    void shouldDefaultToConfigDeployYml() {
        int code = run("config", "check");

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("config/deploy.yml: file not found\n");
    }

    @Test
    void shouldExplainItselfWithHelp() {
        int code = run("config", "show", "--help");

        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: bluegreen config show", "--file=FILE", "--destination=DEST",
                "default: config/deploy.yml");
    }
}
