package io.jenkins.plugins.bluegreen.engine.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.config.ConfigLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WindowConfigTest {
    private static final String SEED_AS_YAML = """
            windows:
              zone: UTC
              allow:
                - name: standard window
                  days: [tue, wed, thu]
                  from: "10:00"
                  to: "14:00"
              deny:
                - name: Friday afternoon freeze
                  days: [fri]
                  from: "12:00"
                  to: "24:00"
                - name: weekend freeze
                  days: [sat, sun]
            """;

    @Test
    void shouldReadTheSeedPolicyWrittenOut() {
        assertThat(WindowPolicies.parse(SEED_AS_YAML, "global").forDestination("production"))
                .isEqualTo(WindowPolicy.seedDefault());
    }

    @Test
    void shouldReadTheWindowsOfALoadedConfigAndTheSeedPolicyWhenItHasNone(@TempDir final Path dir) throws IOException {
        var file = dir.resolve("deploy.yml");
        Files.writeString(file, "service: shop\nimage: shop/app\nservers: [web-1.internal]\n");
        assertThat(WindowPolicies.from(ConfigLoader.load(file, Optional.empty()).config().extension().windows()))
                .isEqualTo(WindowPolicies.seedDefault());

        Files.writeString(file, "service: shop\nimage: shop/app\nservers: [web-1.internal]\nx-bluegreen:\n  "
                + SEED_AS_YAML.replace("\n", "\n  "));
        assertThat(WindowPolicies.from(ConfigLoader.load(file, Optional.empty()).config().extension().windows())
                .forDestination("production")).isEqualTo(WindowPolicy.seedDefault());
    }

    @Test
    void shouldUseTheSeedPolicyForAnEmptyTextOrAMissingNode() {
        assertThat(WindowPolicies.parse("", "global")).isEqualTo(WindowPolicies.seedDefault());
        assertThat(WindowPolicies.parse((com.fasterxml.jackson.databind.JsonNode) null, "deploy.yml",
                "x-bluegreen/windows")).isEqualTo(WindowPolicies.seedDefault());
    }

    @Test
    void shouldReadTheSubtreeTheConfigLoaderHandsOver() throws Exception {
        var file = new ObjectMapper(new YAMLFactory()).readTree("""
                service: a2d2
                x-bluegreen:
                  windows:
                    destinations:
                      staging: unrestricted
                """);
        var policies = WindowPolicies.parse(file.path("x-bluegreen").path("windows"), "config/deploy.yml",
                "x-bluegreen/windows");
        assertThat(policies.forDestination("staging").isUnrestricted()).isTrue();
        assertThat(policies.forDestination("production")).isEqualTo(WindowPolicy.seedDefault());
        assertThat(policies.forDestination(null)).isEqualTo(WindowPolicy.seedDefault());
    }

    @Test
    void shouldReadBerlinOfficeHoursWithWeekdayRanges() {
        var policy = WindowPolicies.parse("""
                zone: Europe/Berlin
                allow:
                  - name: office hours
                    days: [mon-fri]
                    from: "09:00"
                    to: "17:00"
                """, "global").forDestination(null);
        // 2026-07-01 is a Wednesday in summer time (+02:00), 2026-12-02 one in winter time (+01:00).
        assertThat(policy.decide(Instant.parse("2026-07-01T07:00:00Z")).open()).isTrue();
        assertThat(policy.decide(Instant.parse("2026-07-01T06:59:59Z")).open()).isFalse();
        assertThat(policy.decide(Instant.parse("2026-12-02T08:00:00Z")).open()).isTrue();
        assertThat(policy.decide(Instant.parse("2026-12-02T07:59:59Z")).open()).isFalse();
        assertThat(policy.decide(Instant.parse("2026-12-02T07:00:00Z")).nextOpen())
                .isEqualTo(Instant.parse("2026-12-02T08:00:00Z"));
        assertThat(policy.describe()).containsExactly("allow office hours: Mon, Tue, Wed, Thu, Fri 09:00-17:00 Europe/Berlin");
    }

    @Test
    void shouldReadARangeCrossingMidnightAsStartingOnTheListedDay() {
        var policy = WindowPolicies.parse("""
                allow:
                  - name: night window
                    days: [fri]
                    from: "22:00"
                    to: "02:00"
                """, "global").forDestination(null);
        assertThat(policy.decide(Instant.parse("2026-12-04T21:59:59Z")).open()).isFalse(); // Fri
        assertThat(policy.decide(Instant.parse("2026-12-04T22:00:00Z")).open()).isTrue();
        assertThat(policy.decide(Instant.parse("2026-12-05T01:59:59Z")).open()).isTrue(); // Sat
        assertThat(policy.decide(Instant.parse("2026-12-05T02:00:00Z")).nextOpen())
                .isEqualTo(Instant.parse("2026-12-11T22:00:00Z"));
        assertThat(policy.decide(Instant.parse("2026-12-04T00:30:00Z")).open()).isFalse(); // Thu night
        assertThat(policy.describe()).containsExactly("allow night window: Fri 22:00-02:00 (next day) UTC");
    }

    @Test
    void shouldHoldABlackoutOfDatesInclusiveInThePolicyZone() {
        var policy = WindowPolicies.parse("""
                windows:
                  zone: Europe/Berlin
                  blackouts:
                    - name: year-end freeze
                      from: 2026-12-23
                      to: 2027-01-04
                """, "global").forDestination(null);
        var first = policy.decide(Instant.parse("2026-12-22T23:00:00Z")); // midnight in Berlin
        assertThat(first.open()).isFalse();
        assertThat(first.rule()).isEqualTo("year-end freeze");
        assertThat(first.reason()).isEqualTo("year-end freeze (blackout 2026-12-23 to 2027-01-04 Europe/Berlin)");
        assertThat(first.nextOpen()).isEqualTo(Instant.parse("2027-01-04T23:00:00Z"));
        assertThat(policy.decide(Instant.parse("2026-12-22T22:59:59Z")).open()).isTrue();
        assertThat(policy.decide(Instant.parse("2027-01-04T22:59:59Z")).open()).isFalse();
    }

    @Test
    void shouldOpenAfterTheYearEndBlackoutInTheSeedWindow() {
        var floor = WindowPolicy.seedDefault().tightenedBy(WindowPolicies.parse("""
                blackouts: [{name: year-end freeze, from: 2026-12-23, to: 2027-01-04}]
                """, "global").forDestination(null));
        var d = floor.decide(Instant.parse("2026-12-23T11:00:00Z"));
        assertThat(d.rule()).isEqualTo("year-end freeze");
        assertThat(d.nextOpen()).isEqualTo(Instant.parse("2027-01-05T10:00:00Z"));
    }

    @Test
    void shouldAnswerNeverForAPolicyThatNeverOpens() {
        var d = WindowPolicies.parse("deny: [{name: closed for good, days: [mon-sun]}]", "global")
                .forDestination(null).decide(Instant.parse("2026-12-01T11:00:00Z"));
        assertThat(d.open()).isFalse();
        assertThat(d.nextOpen()).isNull();
        assertThat(d.summary()).isEqualTo("deployment window held by closed for good: "
                + "closed for good (Mon, Tue, Wed, Thu, Fri, Sat, Sun all day UTC); it does not open within two years");
    }

    @Test
    void shouldHoldABlackoutOfInstantsUpToItsEnd() {
        var policy = WindowPolicies.parse("""
                blackouts:
                  - name: launch
                    from: "2026-12-10T18:00:00Z"
                    to: "2026-12-11T06:00:00+01:00"
                """, "global").forDestination(null);
        var d = policy.decide(Instant.parse("2026-12-10T18:00:00Z"));
        assertThat(d.open()).isFalse();
        assertThat(d.nextOpen()).isEqualTo(Instant.parse("2026-12-11T05:00:00Z"));
        assertThat(d.reason()).isEqualTo("launch (blackout 2026-12-10T18:00:00Z to 2026-12-11T05:00:00Z)");
    }

    @Test
    void shouldLetEachDestinationReplaceTheDefaultAndInheritTheZone() {
        var policies = WindowPolicies.parse("""
                zone: America/New_York
                deny:
                  - name: weekend freeze
                    days: [sat, sun]
                destinations:
                  staging: unrestricted
                  production:
                    allow:
                      - name: morning window
                        days: [tue-thu]
                        from: "09:00"
                        to: "11:00"
                """, "global");
        assertThat(policies.forDestination("staging")).isEqualTo(WindowPolicy.unrestricted());
        assertThat(policies.forDestination("production").describe())
                .containsExactly("allow morning window: Tue, Wed, Thu 09:00-11:00 America/New_York");
        assertThat(policies.forDestination("qa").describe())
                .containsExactly("deny weekend freeze: Sat, Sun all day America/New_York");
    }

    @Test
    void shouldReadUnrestrictedForEveryDestination() {
        var policies = WindowPolicies.parse("windows: unrestricted", "global");
        var d = policies.forDestination("production").decide(Instant.parse("2026-12-05T03:00:00Z"));
        assertThat(d.open()).isTrue();
        assertThat(d.rule()).isEqualTo("unrestricted");
        assertThat(d.reason()).isEqualTo("deploys to this destination are not restricted");
    }

    @Test
    void shouldLetARuleUseItsOwnZone() {
        var policy = WindowPolicies.parse("""
                zone: UTC
                allow:
                  - name: New York morning
                    days: [mon]
                    from: "09:00"
                    to: "10:00"
                    zone: America/New_York
                """, "global").forDestination(null);
        assertThat(policy.decide(Instant.parse("2026-11-30T14:00:00Z")).open()).isTrue();
        assertThat(policy.decide(Instant.parse("2026-11-30T09:00:00Z")).open()).isFalse();
    }

    @Test
    void shouldNameRulesWithoutANameByPosition() {
        var policy = WindowPolicies.parse("""
                allow:
                  - days: [mon]
                deny:
                  - days: [mon]
                    from: "12:00"
                    to: "13:00"
                blackouts:
                  - from: 2026-12-24
                    to: 2026-12-24
                """, "global").forDestination(null);
        assertThat(policy.describe()).containsExactly(
                "allow allow rule 1: Mon all day UTC",
                "deny deny rule 1: Mon 12:00-13:00 UTC",
                "blackout blackout 1: 2026-12-24 to 2026-12-24 UTC");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        to: "25:00"                  | deploy.yml: x-bluegreen/windows/allow/0/to: found "25:00", expected a time of day "HH:MM" from "00:01" to "24:00"
        to: "14:60"                  | deploy.yml: x-bluegreen/windows/allow/0/to: found "14:60", expected a time of day "HH:MM" from "00:01" to "24:00"
        to: "2pm"                    | deploy.yml: x-bluegreen/windows/allow/0/to: found "2pm", expected a time of day "HH:MM" from "00:01" to "24:00"
        to: "00:00"                  | deploy.yml: x-bluegreen/windows/allow/0/to: found "00:00", expected a time of day "HH:MM" from "00:01" to "24:00"
        to: 1400                     | deploy.yml: x-bluegreen/windows/allow/0/to: found "1400", expected a time of day "HH:MM" from "00:01" to "24:00"
        to: "10:00"                  | deploy.yml: x-bluegreen/windows/allow/0/to: found "10:00", the same as from, expected a different time (leave out from and to for the whole day)
        zone: Mars/Olympus           | deploy.yml: x-bluegreen/windows/allow/0/zone: found unknown time zone "Mars/Olympus", expected an IANA time zone such as UTC, Europe/Berlin or America/New_York
        days: []                     | deploy.yml: x-bluegreen/windows/allow/0/days: found an empty list, expected at least one weekday such as [tue, wed, thu]
        days: [tue, thursday, frei]  | deploy.yml: x-bluegreen/windows/allow/0/days/2: found "frei", expected a weekday: mon, tue, wed, thu, fri, sat, sun
        days: [tue-]                 | deploy.yml: x-bluegreen/windows/allow/0/days/0: found "", expected a weekday: mon, tue, wed, thu, fri, sat, sun
        days:                        | deploy.yml: x-bluegreen/windows/allow/0/days: found nothing, expected a list of weekdays such as [tue, wed, thu]
        until: "14:00"               | deploy.yml: x-bluegreen/windows/allow/0/until: found an unknown key, expected one of days, from, name, to, zone
        """)
    void shouldExplainABadAllowRule(final String badLine, final String message) {
        var yaml = """
                allow:
                  - name: standard window
                    days: [tue]
                    from: "10:00"
                    to: "14:00"
                """;
        var key = badLine.substring(0, badLine.indexOf(':'));
        var lines = yaml.lines().filter(l -> !l.strip().startsWith(key + ":")).toList();
        var text = String.join("\n", lines) + "\n    " + badLine + "\n";
        assertThatThrownBy(() -> parse(text))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        zone: Nowhere/Else                                            | deploy.yml: x-bluegreen/windows/zone: found unknown time zone "Nowhere/Else", expected an IANA time zone such as UTC, Europe/Berlin or America/New_York
        zones: UTC                                                    | deploy.yml: x-bluegreen/windows/zones: found an unknown key, expected one of allow, blackouts, deny, destinations, zone
        allow: {days: [mon]}                                          | deploy.yml: x-bluegreen/windows/allow: found a mapping, expected a list
        allow: [{days: [mon], from: "10:00"}]                         | deploy.yml: x-bluegreen/windows/allow/0/to: found nothing, expected both from and to, or neither for the whole day
        deny: [tuesday]                                               | deploy.yml: x-bluegreen/windows/deny/0: found "tuesday", expected a rule with days and optionally name, from, to, zone
        blackouts: [{from: 2027-01-04, to: 2026-12-23}]               | deploy.yml: x-bluegreen/windows/blackouts/0/to: found 2026-12-23, before from 2027-01-04, expected a date on or after from (both dates are inclusive)
        blackouts: [{from: 2026-12-23}]                               | deploy.yml: x-bluegreen/windows/blackouts/0/to: found nothing, expected a date like 2026-12-23 or an instant like 2026-12-23T18:00:00Z
        blackouts: [{from: 2026-12-23, to: next year}]                | deploy.yml: x-bluegreen/windows/blackouts/0/to: found "next year", expected a date like 2026-12-23 or an instant like 2026-12-23T18:00:00Z
        blackouts: [{from: 2026-12-23, to: "2027-01-04T00:00:00Z"}]   | deploy.yml: x-bluegreen/windows/blackouts/0/to: found the instant 2027-01-04T00:00:00Z while the other end is a date, expected both ends dates or both instants
        blackouts: [{from: "2026-12-23T10:00:00Z", to: "2026-12-23T10:00:00Z"}] | deploy.yml: x-bluegreen/windows/blackouts/0/to: found 2026-12-23T10:00:00Z, not after from 2026-12-23T10:00:00Z, expected an instant after from
        destinations: [staging]                                       | deploy.yml: x-bluegreen/windows/destinations: found a list, expected a mapping of destination name to a policy or 'unrestricted'
        destinations: {staging: open}                                 | deploy.yml: x-bluegreen/windows/destinations/staging: found "open", expected a policy (hosts, zone, allow, deny, blackouts) or 'unrestricted'
        destinations: {prod: {zone: CET, allow: [{days: [sun-sat], from: "24:00", to: "01:00"}]}} | deploy.yml: x-bluegreen/windows/destinations/prod/allow/0/from: found "24:00", expected a time of day "HH:MM" from "00:00" to "23:59"
        """)
    void shouldExplainABadPolicy(final String yaml, final String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage(message);
    }

    @Test
    void shouldExplainAScalarWhereAPolicyBelongs() {
        assertThatThrownBy(() -> parse("always"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("deploy.yml: x-bluegreen/windows: found \"always\", expected a policy "
                        + "(zone, allow, deny, blackouts, destinations) or 'unrestricted'");
    }

    @Test
    void shouldExplainTextThatIsNotYaml() {
        assertThatThrownBy(() -> WindowPolicies.parse("allow: [days: {", "global windows"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("global windows at line ")
                .hasMessageEndingWith("expected a windows policy");
    }

    @Test
    void shouldReadUnquotedTimes() {
        var policy = WindowPolicies.parse("allow: [{name: w, days: [tue], from: 10:00, to: 14:00}]", "global")
                .forDestination(null);
        assertThat(policy.describe()).containsExactly("allow w: Tue 10:00-14:00 UTC");
    }

    @Test
    void shouldReadAWrappingWeekdayRange() {
        var policy = WindowPolicies.parse("deny: [{name: long weekend, days: [fri-mon]}]", "global")
                .forDestination(null);
        assertThat(policy.describe()).containsExactly("deny long weekend: Mon, Fri, Sat, Sun all day UTC");
    }

    private static WindowPolicies parse(final String yaml) throws Exception {
        return WindowPolicies.parse(new ObjectMapper(new YAMLFactory()).readTree(yaml), "deploy.yml",
                "x-bluegreen/windows");
    }
}
