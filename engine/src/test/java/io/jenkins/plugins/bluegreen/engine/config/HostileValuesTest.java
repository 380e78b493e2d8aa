package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values that can never be right (shell fragments, option-looking hosts, look-alike letters) are
 * refused at load with the setting's line and slash path, not quoted and passed on to fail later.
 */
class HostileValuesTest {
    private static final String HOST = ": expected a host name, an IPv4 address or a bracketed IPv6 address, with an"
            + " optional :port, got ";
    private static final String VOLUME = ": expected a volume like storage:/rails/storage or /srv/data:/data:ro (paths"
            + " of letters, digits and . _ - + @ = /), got ";
    private static final String ENV_NAME = ": expected an environment variable name (letters, digits, _), got ";

    @TempDir
    java.nio.file.Path dir;

    @Test
    void shouldRefuseEveryHostileValueOfTheFixtureOnItsOwnLine() {
        var file = Fixtures.deployFile("hostile");

        assertThatThrownBy(() -> ConfigLoader.load(file, Optional.empty(), Map.<String, String>of()::get))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems().stream()
                        .map(p -> p.replace(file.toString(), "FILE"))).containsExactly(
                        "FILE:3:1: image: expected an image name like a2d2/app or ghcr.io/a2d2/app (lower-case letters"
                                + " and digits, '.', '_' or '-' between them), got 'y$(id)'",
                        "FILE:21:5: env/clear/PATH=/tmp:$PATH" + ENV_NAME + "'PATH=/tmp:$PATH'",
                        "FILE:22:5: env/clear/-e" + ENV_NAME + "'-e'",
                        "FILE:7:9: servers/web/hosts/0" + HOST + "'h1; reboot'",
                        "FILE:8:9: servers/web/hosts/1" + HOST + "'-oProxyCommand=touch /tmp/x'",
                        "FILE:9:9: servers/web/hosts/2" + HOST + "'web-`id`'",
                        "FILE:10:9: servers/web/hosts/3" + HOST + "'web 2'",
                        "FILE:11:9: servers/web/hosts/4" + HOST + "'web-3\\u000Aweb-4'",
                        "FILE:12:9: servers/web/hosts/5" + HOST + "'w\\u0435b-5'",
                        "FILE:14:9: servers/web/hosts/7" + HOST + "'10.0.0.300'",
                        "FILE:17:7: servers/web/labels/team; rm: expected a label name of letters, digits and '.', '_'"
                                + " or '-' between them, got 'team; rm'",
                        "FILE:18:7: servers/web/labels/service: expected a label name other than service, role and"
                                + " destination (Kamal reserves them for role labels), got 'service'",
                        "FILE:24:5: volumes/0" + VOLUME + "'/data:/data; reboot'",
                        "FILE:25:5: volumes/1" + VOLUME + "'$(pwd):/app'",
                        "FILE:26:5: volumes/2" + VOLUME + "'storage:relative'",
                        "FILE:27:5: volumes/3" + VOLUME + "'-v:/x'",
                        "FILE:29:3: labels/bluegreen.version: expected a label name not starting with 'bluegreen.'"
                                + " (the deploy sets those labels itself), got 'bluegreen.version'"));
    }

    @Test
    void shouldAcceptTheHostAndImageFormsKamalFilesUse() {
        var config = new ConfigFixture(dir).write("config/deploy.yml", "service: shop",
                "image: registry.example.com:5000/team/shop__app-v2", "servers:",
                "  - web-1.internal", "  - web-2.internal:2222", "  - 192.168.0.10", "  - 192.168.0.11:22",
                "  - \"[2001:db8::1]:2222\"", "  - \"[::ffff:10.0.0.1]\"", "  - 2001:db8::2", "  - LOCALHOST",
                "volumes:", "  - storage:/rails/storage", "  - /srv/data:/data:ro,z", "  - ./tmp:/rails/tmp",
                "labels: {com.example.team: shop}").config();

        assertThat(config.primaryRole().hosts()).hasSize(8);
        assertThat(config.image()).isEqualTo("registry.example.com:5000/team/shop__app-v2");
        assertThat(config.volumes()).containsExactly("storage:/rails/storage", "/srv/data:/data:ro,z", "./tmp:/rails/tmp");
    }

    @Test
    void shouldRefuseImagesOutsideTheOciGrammar() {
        for (String image : List.of("-oops/app", "shop/app;id", "shop/`id`", "shop /app", "shop/app\\nx", "sh\u043Ep/app",
                "Shop/App", "shop//app", "shop/app-", "ghcr.io:port/app")) {
            var f = new ConfigFixture(dir).write("config/deploy.yml", "service: shop", "image: \"" + image + "\"",
                    "servers: [web-1]");

            assertThat(f.problems()).as(image).containsExactly("DIR/config/deploy.yml:2:1: image: expected an image name"
                    + " like a2d2/app or ghcr.io/a2d2/app (lower-case letters and digits, '.', '_' or '-' between them), got "
                    + ConfigNode.quote(image.replace("\\n", "\n")));
        }
    }

    @Test
    void shouldSayWhenAnImageCarriesATag() {
        var f = new ConfigFixture(dir).write("config/deploy.yml", "service: shop", "image: shop/app:latest",
                "servers: [web-1]");

        assertThat(f.problems()).containsExactly("DIR/config/deploy.yml:2:1: image: expected an image name without a tag"
                + " or digest (the version is added per deploy), got 'shop/app:latest'");
    }
}
