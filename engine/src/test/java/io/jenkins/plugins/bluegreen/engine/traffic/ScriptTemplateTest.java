package io.jenkins.plugins.bluegreen.engine.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ScriptTemplateTest {
    private static final Map<String, String> VALUES = Map.of("color", "green", "port", "3002", "host", "web-1",
            "version", "v2", "service", "app");

    @Test
    void shouldPutPlainValuesInAsTheyAre() {
        var template = new ScriptTemplate("x-bluegreen/traffic/switch",
                "lb-cli point {service} --host {host} --to 127.0.0.1:{port} --label {color}-{version}",
                ScriptSwitch.TARGET_PLACEHOLDERS);
        assertThat(template.command(VALUES).render()).isEqualTo(
                "sh -c 'lb-cli point app --host web-1 --to 127.0.0.1:3002 --label green-v2'");
    }

    @Test
    void shouldQuoteAValueThatHoldsShellCode() {
        var template = new ScriptTemplate("x-bluegreen/traffic/switch", "echo {version}", ScriptSwitch.TARGET_PLACEHOLDERS);
        var hostile = Map.of("version", "v2; rm -rf / #");
        assertThat(template.command(hostile).render()).isEqualTo("sh -c 'echo '\\''v2; rm -rf / #'\\'''");
    }

    @Test
    void shouldLeaveShellVariablesAndBraceGroupsAlone() {
        var template = new ScriptTemplate("x-bluegreen/traffic/switch",
                "{ echo ${HOME}; echo {color}; } > /dev/null", ScriptSwitch.TARGET_PLACEHOLDERS);
        assertThat(template.command(VALUES).render()).isEqualTo("sh -c '{ echo ${HOME}; echo green; } > /dev/null'");
    }

    @Test
    void shouldNameAnUnknownPlaceholderAndTheKnownOnes() {
        assertThatThrownBy(() -> new ScriptTemplate("x-bluegreen/traffic/switch", "switch {colour}",
                ScriptSwitch.TARGET_PLACEHOLDERS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/traffic/switch: unknown placeholder {colour}, expected one of {color}, {host},"
                        + " {port}, {service}, {version}");
    }

    @Test
    void shouldRefuseATargetPlaceholderWhereOnlyTheHostIsKnown() {
        assertThatThrownBy(() -> new ScriptTemplate("x-bluegreen/traffic/current", "lb-cli show {color}",
                ScriptSwitch.HOST_PLACEHOLDERS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/traffic/current: unknown placeholder {color}, expected one of {host}, {service}");
    }

    @Test
    void shouldRefuseAnEmptyCommand() {
        assertThatThrownBy(() -> new ScriptTemplate("x-bluegreen/traffic/switch", "  ", ScriptSwitch.TARGET_PLACEHOLDERS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/traffic/switch: expected a shell command, got an empty value");
    }

    @Test
    void shouldRefuseAPlaceholderInsideSingleQuotesWhereItsQuotingWouldBreakOut() {
        assertThatThrownBy(() -> new ScriptTemplate("x-bluegreen/traffic/switch", "echo 'now {version}'",
                ScriptSwitch.TARGET_PLACEHOLDERS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("x-bluegreen/traffic/switch: placeholder {version} inside 'quotes', expected it outside"
                        + " quotes (its value is quoted for the shell already)");
    }

    @Test
    void shouldRefuseAPlaceholderInsideDoubleQuotesWhereCommandSubstitutionWouldRun() {
        assertThatThrownBy(() -> new ScriptTemplate("x-bluegreen/traffic/switch", "echo \"tag {version}\"",
                ScriptSwitch.TARGET_PLACEHOLDERS))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("x-bluegreen/traffic/switch: placeholder {version} inside \"quotes\"");
    }

    @Test
    void shouldLeaveBracesInsideQuotesToTheUsersProgram() {
        var template = new ScriptTemplate("x-bluegreen/traffic/verify",
                "curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:{port}/ | awk '{print}' | grep -q \"200\"",
                ScriptSwitch.TARGET_PLACEHOLDERS);
        assertThat(template.command(VALUES).render()).isEqualTo("sh -c 'curl -s -o /dev/null -w '\\''%{http_code}'\\''"
                + " http://127.0.0.1:3002/ | awk '\\''{print}'\\'' | grep -q \"200\"'");
    }

    @Test
    void shouldTreatAnEscapedQuoteAsText() {
        var template = new ScriptTemplate("x-bluegreen/traffic/switch", "echo it\\'s {color}",
                ScriptSwitch.TARGET_PLACEHOLDERS);
        assertThat(template.command(VALUES).argv()).containsExactly("sh", "-c", "echo it\\'s green");
    }
}
