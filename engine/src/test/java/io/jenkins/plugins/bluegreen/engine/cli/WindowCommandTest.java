package io.jenkins.plugins.bluegreen.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowCommandTest {
    private static final String MINIMAL = "service: a2d2\nimage: a2d2/app\nservers: [web-1.internal]\n";

    @TempDir
    Path dir;



    @Test
    void shouldHoldFridayAfternoonWithTheSeedPolicy() throws IOException {
        var r = CliRun.of("window", "--at", "2026-12-04T15:00:00Z");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err()).isEmpty();
        var json = r.json();
        assertThat(json.get("open").asBoolean()).isFalse();
        assertThat(json.get("rule").asText()).isEqualTo("Friday afternoon freeze");
        assertThat(json.get("reason").asText()).isEqualTo("Friday afternoon freeze (Fri 12:00-24:00 UTC)");
        assertThat(json.get("nextOpen").asText()).isEqualTo("2026-12-08T10:00:00Z");
        assertThat(json.get("override").asBoolean()).isFalse();
        assertThat(json.get("hotfix").isNull()).isTrue();
        assertThat(json.get("at").asText()).isEqualTo("2026-12-04T15:00:00Z");
    }

    @Test
    void shouldOpenInTheStandardWindowAndAcceptAnOffset() throws IOException {
        var r = CliRun.of("window", "--at", "2026-12-01T12:00:00+01:00");
        assertThat(r.exit()).isZero();
        assertThat(r.json().get("open").asBoolean()).isTrue();
        assertThat(r.json().get("nextOpen").asText()).isEqualTo("2026-12-01T11:00:00Z");
    }

    @Test
    void shouldOpenWithAHotfixOverrideAndSaySo() throws IOException {
        var r = CliRun.of("window", "--at", "2026-12-05T03:00:00Z", "--hotfix", "--by", "alice", "--reason", "CVE-2026-1");
        assertThat(r.exit()).isZero();
        var json = r.json();
        assertThat(json.get("override").asBoolean()).isTrue();
        assertThat(json.get("rule").asText()).isEqualTo("hotfix override");
        assertThat(json.get("hotfix").get("requestedBy").asText()).isEqualTo("alice");
        assertThat(json.get("hotfix").get("reason").asText()).isEqualTo("CVE-2026-1");
    }

    @Test
    void shouldRefuseAHotfixWithoutWho() {
        var r = CliRun.of("window", "--hotfix", "--reason", "CVE-2026-1");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo(
                "bluegreen window: --hotfix: found no --by, expected --by with the user id asking for the override");
    }

    @Test
    void shouldRefuseAHotfixWithoutWhy() {
        var r = CliRun.of("window", "--hotfix", "--by", "alice", "--reason", " ");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "bluegreen window: --hotfix: found no --reason, expected --reason with why the deploy cannot wait");
    }

    @Test
    void shouldRefuseAReasonWithoutHotfix() {
        var r = CliRun.of("window", "--reason", "because");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("bluegreen window: --reason: found it without --hotfix, "
                + "expected --hotfix --reason WHY --by USER together");
    }

    @Test
    void shouldRefuseABadInstant() {
        var r = CliRun.of("window", "--at", "friday");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("bluegreen window: --at: found \"friday\", "
                + "expected an ISO-8601 instant such as 2026-12-04T15:00:00Z");
    }

    @Test
    void shouldRefuseAnUnknownOptionWithExitTwo() {
        assertThat(CliRun.of("window", "--when", "now").exit()).isEqualTo(2);
    }

    @Test
    void shouldReadTheWindowsOfADeployFileAndItsDestination() throws IOException {
        var deploy = dir.resolve("deploy.yml");
        Files.writeString(deploy, """
                service: a2d2
                image: a2d2/app
                servers: [web-1.internal]
                x-bluegreen:
                  windows:
                    zone: Europe/Berlin
                    allow:
                      - name: office hours
                        days: [mon-fri]
                        from: "09:00"
                        to: "17:00"
                    destinations:
                      staging: unrestricted
                """);
        var saturday = "2026-12-05T12:00:00Z";
        var production = CliRun.of("window", "--file", deploy.toString(), "--destination", "production", "--at", saturday);
        assertThat(production.exit()).isEqualTo(3);
        assertThat(production.json().get("rule").asText()).isEqualTo("office hours");
        assertThat(production.json().get("nextOpen").asText()).isEqualTo("2026-12-07T08:00:00Z");
        assertThat(production.json().get("destination").asText()).isEqualTo("production");
        assertThat(CliRun.of("window", "--file", deploy.toString(), "--destination", "staging", "--at", saturday).exit())
                .isZero();

        Files.writeString(dir.resolve("deploy.qa.yml"), """
                x-bluegreen:
                  windows: unrestricted
                """);
        assertThat(CliRun.of("window", "--file", deploy.toString(), "--destination", "qa", "--at", saturday).exit()).isZero();
    }

    @Test
    void shouldUseTheSeedPolicyWhenTheFileHasNoWindows() throws IOException {
        var deploy = dir.resolve("deploy.yml");
        Files.writeString(deploy, MINIMAL);
        var r = CliRun.of("window", "--file", deploy.toString(), "--at", "2026-12-04T15:00:00Z");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.json().get("rule").asText()).isEqualTo("Friday afternoon freeze");
    }

    @Test
    void shouldNameTheFileAndKeyOfABadRule() throws IOException {
        var deploy = dir.resolve("deploy.yml");
        Files.writeString(deploy, MINIMAL + """
                x-bluegreen:
                  windows:
                    allow: [{name: late, days: [tue], from: "22:00", to: "25:00"}]
                """);
        var r = CliRun.of("window", "--file", deploy.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).isEqualTo("bluegreen window: " + deploy + ": x-bluegreen/windows/allow/0/to: "
                + "found \"25:00\", expected a time of day \"HH:MM\" from \"00:01\" to \"24:00\"");
    }

    @Test
    void shouldRefuseAMissingFile() {
        var r = CliRun.of("window", "--file", dir.resolve("nope.yml").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("bluegreen window: --file: found no file at " + dir.resolve("nope.yml")
                + ", expected a config/deploy.yml");
    }

    @Test
    void shouldExplainAFileThatIsNotYaml() throws IOException {
        var deploy = dir.resolve("deploy.yml");
        Files.writeString(deploy, "x-bluegreen: [windows: {\n");
        var r = CliRun.of("window", "--file", deploy.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("bluegreen window: " + deploy + ":2:1: not valid YAML").doesNotContain("\tat ");
    }

    @Test
    void shouldReadTheFileAsADeployDoesAndReportAMistakeElsewhereInIt() throws IOException {
        var deploy = dir.resolve("deploy.yml");
        Files.writeString(deploy, MINIMAL + "boot: {limt: 2}\n");
        var r = CliRun.of("window", "--file", deploy.toString(), "--at", "2026-12-01T12:00:00Z");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("bluegreen window: " + deploy + ":4:").contains("unknown key 'limt'");
    }

    @Test
    void shouldMergeAKamalDestinationsWindowsOverTheBaseAsADeployDoes() throws IOException {
        var deploy = dir.resolve("deploy.yml");
        Files.writeString(deploy, MINIMAL + """
                x-bluegreen:
                  windows:
                    zone: UTC
                    allow: [{name: weekdays, days: [mon-fri], from: "09:00", to: "17:00"}]
                """);
        Files.writeString(dir.resolve("deploy.production.yml"), """
                x-bluegreen:
                  windows:
                    zone: America/New_York
                """);
        var tuesdayNoonUtc = "2026-12-01T12:00:00Z";
        var production = CliRun.of("window", "--file", deploy.toString(), "--destination", "production",
                "--at", tuesdayNoonUtc);
        assertThat(production.exit()).as("07:00 in New York, before the merged rule opens").isEqualTo(3);
        assertThat(production.json().get("nextOpen").asText()).isEqualTo("2026-12-01T14:00:00Z");
        assertThat(CliRun.of("window", "--file", deploy.toString(), "--at", tuesdayNoonUtc).exit()).isZero();
    }
}
