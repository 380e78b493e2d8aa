package io.jenkins.plugins.bluegreen.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ERB real Kamal files use is rendered as Kamal renders it (environment lookups, string
 * literals, the git version helpers on the project's own repository, {@code .ruby-version}); any
 * other ERB is refused on its line, or only warned about in sections blue-green deploys do not use.
 */
class ErbTest {
    private static final Map<String, String> ENV = Map.of("WEB_HOST", "web-1.internal", "JOB_HOST", "job-1.internal",
            "KAMAL_REGISTRY_PASSWORD", "t0ken");

    @TempDir
    Path dir;

    private ConfigFixture files;

    @BeforeEach
    void project() throws IOException {
        files = new ConfigFixture(dir);
        Files.createDirectories(dir.resolve("config"));
        Files.copy(Fixtures.deployFile("kamal-erb"), dir.resolve("config/deploy.yml"));
        Files.writeString(dir.resolve(".ruby-version"), "3.3.5\n");
        git("init", "-q");
        git("add", "-A");
        git("-c", "user.name=Test", "-c", "user.email=test@example.com", "commit", "-q", "-m", "first");
        git("tag", "v1.2.0");
    }

    private LoadedConfig load(final String destination, final Map<String, String> env) {
        return ConfigLoader.load(files.file(), Optional.ofNullable(destination), env::get);
    }

    @Test
    void shouldRenderTheSupportedSubsetAsKamalDoes() throws IOException {
        var loaded = load(null, ENV);
        var config = loaded.config();

        assertThat(config.image()).isEqualTo("shop/app");
        assertThat(config.primaryRole().hosts()).extracting(Object::toString).containsExactly("web-1.internal");
        assertThat(config.role("job").orElseThrow().hosts()).extracting(Object::toString).containsExactly("job-1.internal");
        assertThat(config.registry().orElseThrow().credentials().orElseThrow().username())
                .isEqualTo(new ConfigValue.Literal("deploy"));
        assertThat(config.env().clear()).containsExactly(
                Map.entry("GIT_REVISION", new ConfigValue.Literal(git("rev-parse", "--short", "HEAD"))),
                Map.entry("GIT_COMMIT", new ConfigValue.Literal(git("rev-parse", "HEAD"))),
                Map.entry("RELEASE", new ConfigValue.Literal("v1.2.0")),
                Map.entry("RUBY_VERSION", new ConfigValue.Literal("3.3.5")),
                Map.entry("DESTINATION", new ConfigValue.Literal("none")),
                Map.entry("PLAIN", new ConfigValue.Literal("text")),
                Map.entry("LITERAL_TAG", new ConfigValue.Literal("<%= kept as written %>")));
    }

    @Test
    void shouldOnlyWarnAboutErbItCannotEvaluateInSectionsItDoesNotUse() {
        var file = files.name("config/deploy.yml");

        assertThat(load(null, ENV).warnings()).containsExactly(
                file + ": Kamal settings that blue-green deploys do not use (ignored): builder, accessories",
                file + ":35: builder: ERB '<%= require \"bundler\"; Bundler.root %>' is Ruby that is not evaluated here;"
                        + " supported are " + ErbExpression.SUPPORTED + "; left out, since blue-green deploys do not use builder",
                file + ":36: builder: ERB '<% if ENV[\"REMOTE_BUILDER\"] %>' is Ruby code, which is not run; put values that"
                        + " differ per environment in config/deploy.<destination>.yml, and use ENV[\"NAME\"] for values from"
                        + " the deploying machine; left out, since blue-green deploys do not use builder",
                file + ":38: builder: ERB '<% end %>' is Ruby code, which is not run; put values that differ per environment"
                        + " in config/deploy.<destination>.yml, and use ENV[\"NAME\"] for values from the deploying machine;"
                        + " left out, since blue-green deploys do not use builder",
                file + ":43: accessories: ERB '<%= %x(aws ssm get-parameter --name db-host) %>' runs a command, and the only"
                        + " commands run are the git version helpers; for a value from the deploying machine use an environment"
                        + " reference such as $HOSTNAME or ENV[\"NAME\"]; left out, since blue-green deploys do not use accessories");
    }

    @Test
    void shouldSetKamalDestinationWhileRenderingADestinationFile() {
        files.write("config/deploy.staging.yml", "env:", "  clear:", "    STAGE: <%= ENV['KAMAL_DESTINATION'] %>");

        var env = load("staging", ENV).config().env().clear();

        assertThat(env).containsEntry("STAGE", new ConfigValue.Literal("staging"))
                .containsEntry("DESTINATION", new ConfigValue.Literal("staging"));
    }

    @Test
    void shouldStopOnAFetchOfAnUnsetVariableAsKamalDoes() {
        var env = new java.util.HashMap<>(ENV);
        env.remove("JOB_HOST");

        assertThat(files.problems(null, env)).containsExactly("DIR/config/deploy.yml:12: ERB '<%= ENV.fetch('JOB_HOST') %>'"
                + " cannot be evaluated: ENV.fetch(\"JOB_HOST\") needs JOB_HOST, which is not set here (Kamal stops on it too);"
                + " set it, or give a default: ENV.fetch(\"JOB_HOST\", \"default\")");
    }

    @Test
    void shouldRefuseOnItsLineErbItCannotEvaluateWhereSettingsAreUsed() {
        files.write("config/deploy.yml", "service: shop", "image: shop/app", "servers:", "  - <%= `hostname` %>",
                "env:", "  clear:", "    SECRET: <%= File.read('../outside').strip %>",
                "    LOG: <%= `git log -1 --format=%H` %>", "<% if ENV['EXTRA'] %>", "primary_role: web", "<% end %>",
                "retain_containers: <%= [1, 2].max %>");

        assertThat(files.problems(null, ENV)).containsExactly(
                "DIR/config/deploy.yml:4: ERB '<%= `hostname` %>' runs a command, and the only commands run are the git"
                        + " version helpers; for a value from the deploying machine use an environment reference such as"
                        + " $HOSTNAME or ENV[\"NAME\"]",
                "DIR/config/deploy.yml:7: ERB '<%= File.read('../outside').strip %>' cannot be evaluated:"
                        + " File.read('../outside'): no such file in DIR",
                "DIR/config/deploy.yml:8: ERB '<%= `git log -1 --format=%H` %>' runs a command, and the only commands run"
                        + " are the git version helpers; for a value from the deploying machine use an environment reference"
                        + " such as $HOSTNAME or ENV[\"NAME\"]",
                "DIR/config/deploy.yml:9: ERB '<% if ENV['EXTRA'] %>' is Ruby code, which is not run; put values that"
                        + " differ per environment in config/deploy.<destination>.yml, and use ENV[\"NAME\"] for values from"
                        + " the deploying machine",
                "DIR/config/deploy.yml:11: ERB '<% end %>' is Ruby code, which is not run; put values that differ per"
                        + " environment in config/deploy.<destination>.yml, and use ENV[\"NAME\"] for values from the"
                        + " deploying machine",
                "DIR/config/deploy.yml:12: ERB '<%= [1, 2].max %>' is Ruby that is not evaluated here; supported are "
                        + ErbExpression.SUPPORTED);
    }

    @Test
    void shouldNotReadFilesOutsideTheProjectEvenThroughALink() throws IOException {
        Files.writeString(dir.getParent().resolve("outside-" + dir.getFileName()), "secret");
        Files.createSymbolicLink(dir.resolve("link"), dir.getParent().resolve("outside-" + dir.getFileName()));
        files.minimal("env:", "  A: <%= File.read('link') %>", "  B: <%= File.read('/etc/hostname') %>");

        assertThat(files.problems(null, ENV)).containsExactly(
                "DIR/config/deploy.yml:6: ERB '<%= File.read('link') %>' cannot be evaluated: File.read('link') leaves"
                        + " the project directory DIR",
                "DIR/config/deploy.yml:7: ERB '<%= File.read('/etc/hostname') %>' cannot be evaluated: File.read takes a"
                        + " path inside the project, relative to DIR, got '/etc/hostname'");
    }

    @Test
    void shouldRenderAnUnsetLookupAsNothingAndHonourTrimMarkers() {
        files.minimal("env:", "  EMPTY: \"<%= ENV['UNSET'] %>\"", "  <%- if false -%>", "  TRIMMED: <%= 'a' -%>", "");

        assertThat(files.problems(null, ENV)).containsExactly("DIR/config/deploy.yml:7: ERB '<%- if false -%>' is Ruby"
                + " code, which is not run; put values that differ per environment in config/deploy.<destination>.yml, and"
                + " use ENV[\"NAME\"] for values from the deploying machine");
        files.minimal("env:", "  EMPTY: \"<%= ENV['UNSET'] %>\"", "  <%- # -%>", "  TRIMMED: <%= 'a' -%>", "");
        assertThat(files.config().env().clear()).containsExactly(Map.entry("EMPTY", new ConfigValue.Literal("")),
                Map.entry("TRIMMED", new ConfigValue.Literal("a")));
    }

    private String git(final String... args) throws IOException {
        var argv = new ArrayList<String>(List.of("git"));
        argv.addAll(List.of(args));
        var process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            assertThat(process.waitFor()).as(out).isZero();
            return out;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
