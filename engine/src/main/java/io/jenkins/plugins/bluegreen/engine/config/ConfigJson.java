package io.jenkins.plugins.bluegreen.engine.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jenkins.plugins.bluegreen.engine.secret.SecretMask;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The resolved config as JSON, for {@code bluegreen config show} and for people checking what a
 * destination really deploys. Every default is spelt out; references appear as {@code $NAME}.
 */
public final class ConfigJson {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ConfigJson() {
    }

    public static ObjectNode render(final DeployConfig c) {
        var out = JSON.objectNode();
        out.put("service", c.service());
        out.put("image", c.image());
        c.destination().ifPresent(d -> out.put("destination", d));
        var servers = out.putObject("servers");
        c.roles().forEach(role -> servers.set(role.name(), role(role)));
        out.put("primary_role", c.primaryRoleName());
        c.registry().ifPresent(r -> {
            var registry = out.putObject("registry").put("server", r.server());
            r.credentials().ifPresent(login -> registry.put("username", login.username().display())
                    .put("password", login.password() instanceof SecretRef ref ? ref.display() : SecretMask.MASK));
        });
        out.set("env", env(c.env()));
        out.set("volumes", list(c.volumes()));
        out.set("labels", map(c.labels()));
        var hc = c.healthcheck();
        out.putObject("healthcheck").put("path", hc.path()).put("port", hc.port()).put("interval", text(hc.interval()))
                .put("timeout", text(hc.timeout())).put("max_attempts", hc.maxAttempts());
        out.putObject("boot").put("limit", c.boot().limit().toString()).put("wait", text(c.boot().batchWait()));
        var ssh = out.putObject("ssh").put("user", c.ssh().user()).put("port", c.ssh().port());
        c.ssh().proxy().ifPresent(p -> ssh.put("proxy", p));
        out.put("retain_containers", c.retainContainers());
        out.put("deploy_timeout", text(c.deployTimeout()));
        out.put("drain_timeout", text(c.drainTimeout()));
        out.put("readiness_delay", text(c.readinessDelay()));
        out.put("require_destination", c.requireDestination());
        out.set(BlueGreenSettings.KEY, extension(c.extension()));
        return out;
    }

    private static ObjectNode role(final Role role) {
        var out = JSON.objectNode();
        out.set("hosts", list(role.hosts().stream().map(Object::toString).toList()));
        out.set("options", options(role.options()));
        out.set("labels", map(role.labels()));
        role.cmd().ifPresent(cmd -> out.put("cmd", cmd));
        out.set("env", env(role.env()));
        return out;
    }

    /** As Kamal's form: a value, {@code true} for a bare flag, a list where the flag repeats (a list or map option). */
    private static ObjectNode options(final List<RunOption> options) {
        var out = JSON.objectNode();
        for (RunOption option : options) {
            JsonNode value = option.value().<JsonNode>map(JSON::textNode).orElse(JSON.booleanNode(true));
            var seen = out.get(option.name());
            if (seen == null) {
                out.set(option.name(), value);
            }
            else if (seen.isArray()) {
                ((ArrayNode) seen).add(value);
            }
            else {
                out.putArray(option.name()).add(seen).add(value);
            }
        }
        return out;
    }

    private static ObjectNode env(final Env env) {
        var out = JSON.objectNode();
        var clear = out.putObject("clear");
        env.clear().forEach((k, v) -> clear.put(k, v.display()));
        var secret = out.putObject("secret");
        env.secret().forEach((k, v) -> secret.put(k, v.display()));
        return out;
    }

    private static ObjectNode extension(final BlueGreenSettings x) {
        var out = JSON.objectNode();
        out.put("runtime", x.runtime().program());
        out.put("run_directory", x.runDirectory());
        out.putObject("ports").put("blue", x.ports().blue()).put("green", x.ports().green());
        out.put("app_port", x.ports().app());
        var traffic = out.putObject("traffic");
        if (x.traffic() instanceof Traffic.Nginx nginx) {
            traffic.put("type", "nginx").put("upstream_file", nginx.upstreamFile());
            nginx.reload().ifPresent(r -> traffic.put("reload", r));
            nginx.test().ifPresent(t -> traffic.put("test", t));
        }
        else if (x.traffic() instanceof Traffic.Script script) {
            traffic.put("type", "script").put("switch", script.switchCommand());
        }
        traffic.put("public_url", x.traffic().publicUrl());
        out.set("gate", gate(x.gate()));
        out.set("watch", watch(x.watch()));
        out.set("migrations", migrations(x.migrations()));
        out.set("windows", raw(x.windows()));
        out.set("approval", raw(x.approval()));
        return out;
    }

    private static ObjectNode gate(final Gate g) {
        var out = JSON.objectNode();
        var paths = out.putArray("paths");
        g.paths().forEach(p -> paths.addObject().put("path", p.path()).put("require_checks", p.requireChecks()));
        out.put("via", g.via().name().toLowerCase(Locale.ROOT));
        out.put("interval", text(g.interval())).put("timeout", text(g.timeout())).put("deadline", text(g.deadline()));
        out.put("max_attempts", g.maxAttempts()).put("successes", g.successes()).put("status", g.status().toString());
        g.jsonStatus().ifPresent(s -> out.put("json_status", s));
        return out;
    }

    private static ObjectNode watch(final Watch w) {
        var out = JSON.objectNode();
        out.put("duration", text(w.duration())).put("interval", text(w.interval()));
        var rate = out.putObject("error_rate");
        w.errorRate().url().ifPresent(u -> rate.put("url", u));
        w.errorRate().jsonField().ifPresent(f -> rate.put("json_field", f));
        rate.put("max_percent", w.errorRate().maxPercent());
        out.put("p95_latency", text(w.p95Latency())).put("keep_warm", text(w.keepWarm()));
        out.put("breaches", w.breaches()).put("min_requests", w.minRequests())
                .put("not_enough_traffic", w.notEnoughTraffic().name().toLowerCase(Locale.ROOT))
                .put("max_extension", text(w.maxExtension()));
        out.putObject("healthy").put("error_rate_percent", w.healthy().errorRatePercent())
                .put("p95_latency", text(w.healthy().p95Latency()));
        var traffic = out.putObject("traffic");
        w.traffic().nginx().ifPresent(n -> {
            var nginx = traffic.putObject("nginx").put("access_log", n.accessLog());
            nginx.set("errors", list(n.errors()));
            n.timeout().ifPresent(t -> nginx.put("timeout", text(t)));
        });
        w.traffic().prometheus().ifPresent(p -> {
            var prometheus = traffic.putObject("prometheus").put("url", p.url()).put("timeout", text(p.timeout()));
            var queries = prometheus.putObject("queries");
            p.errorRate().ifPresent(q -> queries.put("error_rate", q));
            p.p95Latency().ifPresent(q -> queries.put("p95_latency", q));
            p.requests().ifPresent(q -> queries.put("requests", q));
        });
        return out;
    }

    private static ObjectNode migrations(final Migrations m) {
        var out = JSON.objectNode();
        out.put("command", m.command()).put("status_command", m.statusCommand()).put("rollback_command", m.rollbackCommand());
        out.put("in_container", m.inContainer());
        var backup = out.putObject("backup");
        m.backup().command().ifPresent(cmd -> backup.put("command", cmd));
        backup.put("required", m.backup().required());
        m.replicaWait().ifPresent(r -> out.putObject("replica_wait").put("command", r.command())
                .put("interval", text(r.interval())).put("timeout", text(r.timeout())));
        var lint = out.putObject("lint").put("mode", m.lint().mode().name().toLowerCase(Locale.ROOT));
        lint.set("paths", list(m.lint().paths()));
        return out;
    }

    private static JsonNode raw(final ConfigSection section) {
        return section.present() ? section.node().deepCopy() : JSON.nullNode();
    }

    private static String text(final Duration d) {
        return Durations.format(d);
    }

    private static JsonNode list(final Collection<String> values) {
        var out = JSON.arrayNode();
        values.forEach(out::add);
        return out;
    }

    private static JsonNode map(final Map<String, String> values) {
        var out = JSON.objectNode();
        values.forEach(out::put);
        return out;
    }
}
