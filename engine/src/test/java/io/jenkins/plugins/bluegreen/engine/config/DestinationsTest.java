package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.remote.BootLimit;
import io.jenkins.plugins.bluegreen.engine.remote.Host;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Destinations apply as Kamal's deep merge, from a deploy.<dest>.yml file or an inline block. */
class DestinationsTest {
    @TempDir
    Path dir;

    private ConfigFixture base() {
        return new ConfigFixture(dir).write("config/deploy.yml",
                "service: shop",
                "image: shop/app",
                "servers:",
                "  web:",
                "    hosts: [web-1]",
                "    options: {cpus: 2, memory: 512MB}",
                "  job: [job-1]",
                "env:",
                "  RAILS_ENV: production",
                "boot:",
                "  limit: 2");
    }

    @Test
    void shouldMergeTheDestinationFileOverTheBase() {
        var f = base().write("config/deploy.staging.yml",
                "servers:",
                "  web:",
                "    hosts: [staging-web-1, staging-web-2]",
                "    options: {cpus: 1}",
                "env:",
                "  RAILS_ENV: staging");

        var config = f.load("staging").config();

        assertThat(config.primaryRole().hosts()).containsExactly(Host.parse("staging-web-1"), Host.parse("staging-web-2"));
        assertThat(config.primaryRole().options()).containsExactly(RunOption.of("cpus", "1"), RunOption.of("memory", "512MB"));
        assertThat(config.role("job").orElseThrow().hosts()).containsExactly(Host.parse("job-1"));
        assertThat(config.env().clear()).containsExactly(Map.entry("RAILS_ENV", new ConfigValue.Literal("staging")));
        assertThat(config.boot().limit()).isEqualTo(BootLimit.count(2));
    }

    @Test
    void shouldIgnoreTheDestinationFileWhenNoDestinationIsGiven() {
        var f = base().write("config/deploy.staging.yml", "servers: [staging-web-1]");

        assertThat(f.config().primaryRole().hosts()).containsExactly(Host.parse("web-1"));
    }

    @Test
    void shouldApplyAnInlineBlockAndThenTheFile() {
        var f = base()
                .write("config/deploy.yml", "service: shop", "image: shop/app", "servers: [web-1]",
                        "staging:", "  image: shop/staging", "  servers: [inline-web-1]")
                .write("config/deploy.staging.yml", "servers: [file-web-1]");

        var config = f.load("staging").config();

        assertThat(config.image()).isEqualTo("shop/staging");
        assertThat(config.primaryRole().hosts()).containsExactly(Host.parse("file-web-1"));
    }

    @Test
    void shouldNameTheOverlayFileInItsErrors() {
        var f = base().write("config/deploy.staging.yml", "boot:", "  wait: later");

        assertThat(f.problems("staging")).containsExactly("DIR/config/deploy.staging.yml:2:3: boot/wait:"
                + " expected a duration like 5s, 500ms, 10m, 1h or a number of seconds, got 'later'");
    }

    @Test
    void shouldSayWhichDestinationsExistWhenTheGivenOneDoesNot() {
        var f = base().write("config/deploy.staging.yml", "image: shop/staging")
                .write("config/deploy.yml", "service: shop", "image: shop/app", "servers: [web-1]",
                        "production:", "  servers: [prod-web-1]");

        assertThat(f.problems("stagin")).containsExactly("destination: expected DIR/config/deploy.stagin.yml or a"
                + " 'stagin:' block in DIR/config/deploy.yml, found neither (destinations: production, staging)");
    }

    @Test
    void shouldRequireADestinationWhenTheFileSaysSo() {
        var f = base().write("config/deploy.yml", "service: shop", "image: shop/app", "servers: [web-1]",
                "require_destination: true").write("config/deploy.production.yml", "servers: [prod-web-1]");

        assertThat(f.problems()).containsExactly("DIR/config/deploy.yml:4:1: require_destination: expected a destination"
                + " to be given (this file requires one), got none (destinations: production)");
        assertThat(f.load("production").config().requireDestination()).isTrue();
    }

    @Test
    void shouldRejectADestinationNameThatIsAPath() {
        assertThat(base().problems("../etc")).containsExactly(
                "destination: expected a name of letters, digits, - and _, got '../etc'");
    }

    @Test
    void shouldTakeABlockNamedLikeATypoForTheTypo() {
        var f = new ConfigFixture(dir).minimal("prxy:", "  healthcheck: {path: /up}");

        assertThat(f.problems()).containsExactly("DIR/config/deploy.yml:5:1: unknown key 'prxy' (did you mean 'proxy'?)");
    }

    @Test
    void shouldStillReportAnUnknownTopLevelKeyThatHoldsNoSettings() {
        var f = new ConfigFixture(dir).minimal("productoin:", "  foo: bar");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:5:1: unknown key 'productoin' (expected one of: accessories, aliases,"
                + " allow_empty_roles, asset_path, boot, builder, deploy_timeout, drain_timeout, env, error_pages_path,"
                + " healthcheck, hooks_output, hooks_path, image, labels, logging, minimum_version, output, primary_role,"
                + " proxy, readiness_delay, registry, require_destination, retain_containers, run_directory, secrets_path,"
                + " servers, service, ssh, sshkit, stop_timeout, stop_wait_time, traefik, volumes, x-bluegreen)");
    }
}
