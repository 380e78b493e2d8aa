package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A role's {@code options} as Kamal documents them: a value, {@code true} for a bare flag, a list or a map repeating the flag. */
class RoleOptionsTest {
    @TempDir
    Path dir;

    private ConfigFixture role(final String... optionLines) {
        var lines = new java.util.ArrayList<>(java.util.List.of("service: shop", "image: shop/app", "servers:", "  web:",
                "    hosts: [web-1]", "    options:"));
        for (String line : optionLines) {
            lines.add("      " + line);
        }
        return new ConfigFixture(dir).write("config/deploy.yml", lines.toArray(String[]::new));
    }

    @Test
    void shouldReadEveryFormInFileOrder() {
        var options = role("memory: 2g", "cpus: 4", "cap-add: true", "add-host: [db:10.0.0.5, cache:10.0.0.6]",
                "sysctl: {net.core.somaxconn: 1024, net.ipv4.tcp_syncookies: 1}", "init: false").config().primaryRole().options();

        assertThat(options).containsExactly(RunOption.of("memory", "2g"), RunOption.of("cpus", "4"),
                RunOption.flag("cap-add"), RunOption.of("add-host", "db:10.0.0.5"), RunOption.of("add-host", "cache:10.0.0.6"),
                RunOption.of("sysctl", "net.core.somaxconn=1024"), RunOption.of("sysctl", "net.ipv4.tcp_syncookies=1"),
                RunOption.of("init", "false"));
    }

    @Test
    void shouldShowRepeatedFlagsAsAListInConfigShow() {
        var config = role("cap-add: [NET_ADMIN, SYS_TIME]", "cpus: 2", "privileged: true").config();

        assertThat(ConfigJson.render(config).at("/servers/web/options").toString())
                .isEqualTo("{\"cap-add\":[\"NET_ADMIN\",\"SYS_TIME\"],\"cpus\":\"2\",\"privileged\":true}");
    }

    @Test
    void shouldRefuseOptionsThatCannotBeFlagsOrFightTheDeploy() {
        var f = role("\"cap-add; id\": true", "name: other", "restart: sometimes", "env: [\"A=1\\nB=2\"]", "ulimit:");

        assertThat(f.problems()).containsExactly(
                "DIR/config/deploy.yml:7:7: servers/web/options/cap-add; id: expected an option name of lower-case letters,"
                        + " digits and '-', like cap-add, got 'cap-add; id'",
                "DIR/config/deploy.yml:8:7: servers/web/options/name: expected an option the deploy does not set itself"
                        + " (name, detach, rm), got 'name'",
                "DIR/config/deploy.yml:10:13: servers/web/options/env/0: expected a value on one line, true for a bare flag,"
                        + " a list or a map, got 'A=1\\u000AB=2'",
                "DIR/config/deploy.yml:11:7: servers/web/options/ulimit: expected a value on one line, true for a bare"
                        + " flag, a list or a map, got nothing",
                "DIR/config/deploy.yml:9:7: servers/web/options/restart: expected no, always, unless-stopped, on-failure"
                        + " or on-failure:N, got 'sometimes'");
    }
}
