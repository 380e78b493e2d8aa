package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.container.ContainerRuntime;
import io.jenkins.plugins.bluegreen.engine.health.StatusRange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our settings under x-bluegreen: defaults drawn from the Kamal settings, overrides, and their errors. */
class BlueGreenSettingsTest {
    @TempDir
    Path dir;

    private ConfigFixture files() {
        return new ConfigFixture(dir);
    }

    @Test
    void shouldDefaultEverySettingFromTheKamalPart() {
        var f = files().minimal("healthcheck: {path: /health, interval: 5s, timeout: 3s, max_attempts: 5}", "deploy_timeout: 45");

        var x = f.config().extension();

        assertThat(x.runtime()).isEqualTo(ContainerRuntime.DOCKER);
        assertThat(x.runDirectory()).isEqualTo(".bluegreen");
        assertThat(x.ports()).isEqualTo(new Ports(3001, 3002, 3000));
        assertThat(x.traffic()).isEqualTo(new Traffic.Nginx("/etc/nginx/conf.d/shop-upstream.conf", "http://127.0.0.1:80", Optional.empty(),
                Optional.empty()));
        assertThat(x.gate()).isEqualTo(new Gate(List.of(new Gate.Path("/health", false)), Gate.Via.TUNNEL, Duration.ofSeconds(5),
                Duration.ofSeconds(3), Duration.ofSeconds(45), 5, 1, StatusRange.SUCCESS, Optional.empty()));
        assertThat(x.watch()).isEqualTo(Watch.of(Duration.ZERO, Duration.ofSeconds(10),
                new Watch.ErrorRate(Optional.empty(), Optional.empty(), 5), Duration.ofSeconds(2), Duration.ofMinutes(10)));
        assertThat(x.watch().enabled()).isFalse();
        assertThat(x.migrations()).isEqualTo(new Migrations("bin/rails db:migrate",
                "bin/rails runner 'puts ActiveRecord::Migrator.current_version'", "bin/rails db:rollback STEP={steps}", true,
                new Migrations.Backup(Optional.empty(), false), Optional.empty(),
                new Migrations.Lint(Migrations.LintMode.WARN, List.of("db/migrate"))));
        assertThat(x.windows().present()).isFalse();
        assertThat(x.windows().path()).isEqualTo("x-bluegreen/windows");
        assertThat(x.approval().present()).isFalse();
    }

    @Test
    void shouldReadEverySettingWhenWritten() {
        var f = files().minimal(
                "x-bluegreen:",
                "  runtime: podman",
                "  run_directory: /srv/bluegreen",
                "  ports: {blue: 8001, green: 8002}",
                "  app_port: 8080",
                "  traffic:",
                "    type: script",
                "    switch: /usr/local/bin/point-lb {host} {color} {port} {version}",
                "    public_url: https://shop.example.com",
                "  gate:",
                "    paths: [/health, /health/ready, /health/live]",
                "    via: direct",
                "    interval: 2s",
                "    timeout: 1s",
                "    deadline: 2m",
                "    max_attempts: 30",
                "    successes: 3",
                "    status: 200",
                "    json_status: ok",
                "  watch:",
                "    duration: 5m",
                "    interval: 15s",
                "    error_rate: {url: 'http://127.0.0.1:9090/metrics.json', json_field: error_rate, max_percent: 0.5}",
                "    p95_latency: 1500ms",
                "    keep_warm: 30m",
                "  migrations:",
                "    command: npm run migrate",
                "    status_command: npm run migrate:status",
                "    rollback_command: npm run migrate:down -- {steps}",
                "    in_container: false",
                "    backup: {command: pg_dump -Fc shop > /backups/shop.dump, required: true}",
                "    replica_wait: {command: bin/replica-caught-up, interval: 2s, timeout: 1m}",
                "    lint: fail",
                "  windows:",
                "    zone: UTC",
                "  approval:",
                "    approvers: [on-call]");

        var x = f.config().extension();

        assertThat(x.runtime()).isEqualTo(ContainerRuntime.PODMAN);
        assertThat(x.runDirectory()).isEqualTo("/srv/bluegreen");
        assertThat(x.ports()).isEqualTo(new Ports(8001, 8002, 8080));
        assertThat(x.traffic()).isEqualTo(new Traffic.Script("/usr/local/bin/point-lb {host} {color} {port} {version}",
                "https://shop.example.com"));
        assertThat(x.gate()).isEqualTo(new Gate(List.of(new Gate.Path("/health", false), new Gate.Path("/health/ready", true),
                new Gate.Path("/health/live", false)), Gate.Via.DIRECT, Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMinutes(2), 30, 3, new StatusRange(200, 200), Optional.of("ok")));
        assertThat(x.watch()).isEqualTo(Watch.of(Duration.ofMinutes(5), Duration.ofSeconds(15), new Watch.ErrorRate(
                Optional.of("http://127.0.0.1:9090/metrics.json"), Optional.of("error_rate"), 0.5), Duration.ofMillis(1500),
                Duration.ofMinutes(30)));
        assertThat(x.migrations()).isEqualTo(new Migrations("npm run migrate", "npm run migrate:status",
                "npm run migrate:down -- {steps}", false,
                new Migrations.Backup(Optional.of("pg_dump -Fc shop > /backups/shop.dump"), true),
                Optional.of(new Migrations.ReplicaWait("bin/replica-caught-up", Duration.ofSeconds(2), Duration.ofMinutes(1))),
                new Migrations.Lint(Migrations.LintMode.FAIL, List.of("db/migrate"))));
        assertThat(x.windows().node().get("zone").asText()).isEqualTo("UTC");
        assertThat(x.windows().where("zone")).isEqualTo(f.name("config/deploy.yml") + ":39:5");
        assertThat(x.approval().node().get("approvers").get(0).asText()).isEqualTo("on-call");
    }

    @Test
    void shouldLetRequireChecksApplyToEveryPath() {
        var f = files().minimal("x-bluegreen:", "  gate: {paths: [/health, /health/ready], require_checks: false}");

        assertThat(f.config().extension().gate().paths())
                .containsExactly(new Gate.Path("/health", false), new Gate.Path("/health/ready", false));
    }

    @Test
    void shouldReadABareOffAsOffThoughYamlReadsItAsFalse() {
        assertThat(files().minimal("x-bluegreen:", "  migrations: {lint: off}").config().extension().migrations().lint().mode())
                .isEqualTo(Migrations.LintMode.OFF);
        assertThat(files().minimal("x-bluegreen:", "  migrations: {lint: {mode: off}}").config().extension().migrations()
                .lint().mode()).isEqualTo(Migrations.LintMode.OFF);
    }

    @Test
    void shouldTakeTheUpstreamFileAndReloadOfNginx() {
        var f = files().minimal("x-bluegreen:", "  traffic: {upstream_file: /etc/nginx/shop.conf, reload: systemctl reload nginx}");

        assertThat(f.config().extension().traffic())
                .isEqualTo(new Traffic.Nginx("/etc/nginx/shop.conf", "http://127.0.0.1:80", Optional.of("systemctl reload nginx"),
                        Optional.empty()));
    }

    @Test
    void shouldReportMistakesInOurSettings() {
        var f = files().minimal(
                "x-bluegreen:",
                "  runtime: containerd",
                "  ports: {blue: 3001, green: 3001}",
                "  traffic:",
                "    type: script",
                "    switch: lb {colour}",
                "    upstream_file: /etc/x",
                "  gate:",
                "    via: carrier-pigeon",
                "    status: 200-199",
                "    paths: [health]",
                "  watch:",
                "    error_rate: {json_field: rate, max_percent: 120}",
                "  migrations:",
                "    backup: {required: true}",
                "    replica_wait: {interval: 1s}",
                "    lint: {mode: strict}");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:6:3: x-bluegreen/runtime: expected one of docker, podman, got 'containerd'",
                "DIR/config/deploy.yml:7:23: x-bluegreen/ports/green: expected a port different from blue's, got 3001 for both",
                "DIR/config/deploy.yml:11:5: x-bluegreen/traffic: unknown key 'upstream_file' (expected one of: public_url, switch, type)",
                "DIR/config/deploy.yml:10:5: x-bluegreen/traffic/switch: unknown placeholder {colour} (expected {color}, {port}, {host}, {version})",
                "DIR/config/deploy.yml:15:13: x-bluegreen/gate/paths/0: expected a URL path starting with /, got 'health'",
                "DIR/config/deploy.yml:13:5: x-bluegreen/gate/via: expected one of tunnel, direct, got 'carrier-pigeon'",
                "DIR/config/deploy.yml:14:5: x-bluegreen/gate/status: expected an HTTP status or range like 200 or 200-299, got '200-199'",
                "DIR/config/deploy.yml:17:18: x-bluegreen/watch/error_rate/json_field: needs error_rate/url: the JSON endpoint to read the field from",
                "DIR/config/deploy.yml:17:36: x-bluegreen/watch/error_rate/max_percent: expected a number from 0 to 100, got 120",
                "DIR/config/deploy.yml:19:5: x-bluegreen/migrations/backup/command: expected a backup command because backup/required is true, got nothing",
                "DIR/config/deploy.yml:20:5: x-bluegreen/migrations/replica_wait/command: expected a command that succeeds once replicas caught up, got nothing",
                "DIR/config/deploy.yml:21:12: x-bluegreen/migrations/lint/mode: expected one of warn, fail, off, got 'strict'");
    }

    @Test
    void shouldReadTheWatchsTrafficSourcesAndRules() {
        var f = files().minimal("x-bluegreen:",
                "  watch:",
                "    duration: 2m",
                "    breaches: 3",
                "    min_requests: 50",
                "    not_enough_traffic: fail",
                "    healthy: {error_rate_percent: 0.2, p95_latency: 800ms}",
                "    traffic:",
                "      nginx: {access_log: /var/log/nginx/shop.json, errors: [5xx, 499], timeout: 10s}",
                "      prometheus:",
                "        url: http://prometheus.internal:9090",
                "        queries:",
                "          error_rate: 'sum(rate(errors{color=\"{{color}}\"}[{{interval}}]))'",
                "          p95_latency: 'p95{service=\"{{service}}\",version=\"{{version}}\"}'");

        var watch = f.config().extension().watch();

        assertThat(watch.breaches()).isEqualTo(3);
        assertThat(watch.minRequests()).isEqualTo(50);
        assertThat(watch.notEnoughTraffic()).isEqualTo(Watch.NotEnoughTraffic.FAIL);
        assertThat(watch.maxExtension()).isEqualTo(Duration.ofMinutes(2));
        assertThat(watch.healthy()).isEqualTo(new Watch.Healthy(0.2, Duration.ofMillis(800)));
        assertThat(watch.traffic().nginx()).contains(new WatchTraffic.NginxLog("/var/log/nginx/shop.json",
                List.of("5xx", "499"), Optional.of(Duration.ofSeconds(10))));
        assertThat(watch.traffic().prometheus()).hasValueSatisfying(p -> {
            assertThat(p.url()).isEqualTo("http://prometheus.internal:9090");
            assertThat(p.timeout()).isEqualTo(WatchTraffic.Prometheus.DEFAULT_TIMEOUT);
            assertThat(p.errorRate()).contains("sum(rate(errors{color=\"{{color}}\"}[{{interval}}]))");
            assertThat(p.requests()).isEmpty();
        });
    }

    @Test
    void shouldNameEveryMistakeInTheWatchsTrafficSources() {
        var f = files().minimal("x-bluegreen:",
                "  watch:",
                "    breaches: 0",
                "    not_enough_traffic: ignore",
                "    traffic:",
                "      nginx: {access_log: logs/access.json, errors: [5xx, server-errors]}",
                "      prometheus:",
                "        queries:",
                "          error_rate: 'rate(x{colour=\"{{colour}}\"}[1m])'",
                "          p99: 'x'");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:7:5: x-bluegreen/watch/breaches: expected a whole number from 1 to 1000, got 0",
                "DIR/config/deploy.yml:8:5: x-bluegreen/watch/not_enough_traffic: expected one of extend, pass, fail, got 'ignore'",
                "DIR/config/deploy.yml:10:15: x-bluegreen/watch/traffic/nginx/access_log: expected an absolute file path, got 'logs/access.json'",
                "DIR/config/deploy.yml:10:59: x-bluegreen/watch/traffic/nginx/errors/1: expected a status class like 5xx or a status code like 499, got 'server-errors'",
                "DIR/config/deploy.yml:11:7: x-bluegreen/watch/traffic/prometheus/url: expected the Prometheus server's URL, like http://prometheus:9090, got nothing",
                "DIR/config/deploy.yml:14:11: x-bluegreen/watch/traffic/prometheus/queries: unknown key 'p99' (expected one of: error_rate, p95_latency, requests)",
                "DIR/config/deploy.yml:13:11: x-bluegreen/watch/traffic/prometheus/queries/error_rate: unknown placeholder {{colour}} (expected {{color}}, {{version}}, {{service}}, {{interval}})");
    }

    @Test
    void shouldRefuseAPrometheusUrlWithCredentialsWithoutRepeatingThem() {
        var f = files().minimal("x-bluegreen:",
                "  watch:",
                "    traffic:",
                "      prometheus: {url: 'http://watch:s3cret@prometheus:9090', queries: {error_rate: 'x'}}");

        assertThat(f.problems()).singleElement().asString()
                .endsWith("x-bluegreen/watch/traffic/prometheus/url: expected a URL without user:password@, got one with"
                        + " credentials in it")
                .doesNotContain("s3cret");
    }
}
