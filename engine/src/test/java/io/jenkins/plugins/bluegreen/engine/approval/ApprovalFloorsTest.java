package io.jenkins.plugins.bluegreen.engine.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The administrators' approval floor: a pipeline may ask for more, never for less. */
class ApprovalFloorsTest {
    private static final ApprovalFloors FLOORS = ApprovalFloors.parse("""
            production:
              approvers: [group:release-managers]
              required: 2
            """, "approval floors");

    @Test
    void shouldHoldAStepsLaxPolicyToTheFloor() {
        var lax = new ApprovalPolicy(Set.of("user:mallory"), 1, true, Duration.ofMinutes(5), TimeoutOutcome.APPROVE,
                true, false);

        var raised = FLOORS.forDestination("production").orElseThrow().raise(lax, Set.of("group:release-managers"));

        assertThat(raised).isEqualTo(new ApprovalPolicy(Set.of("group:release-managers"), 2, false, Duration.ofMinutes(5),
                TimeoutOutcome.REJECT, true, false));
    }

    @Test
    void shouldKeepAStricterStep() {
        var strict = new ApprovalPolicy(Set.of(), 3, false, null, TimeoutOutcome.REJECT, false, true);

        assertThat(FLOORS.forDestination("production").orElseThrow().raise(strict, Set.of("group:rm")).required())
                .isEqualTo(3);
    }

    @Test
    void shouldLeaveDestinationsWithoutAFloorAlone() {
        assertThat(FLOORS.forDestination("staging")).isEmpty();
        assertThat(FLOORS.forDestination(null)).isEmpty();
        assertThat(ApprovalFloors.parse(" ", "approval floors").forDestination("production")).isEmpty();
    }

    @Test
    void shouldRefuseADeployToAFlooredDestinationWithoutItsApproval() {
        assertThatThrownBy(() -> FLOORS.requireApproved("production", Set.of("staging"), "blueGreenDeploy"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("destination: 'production' needs 2 approval(s) from group:release-managers first, got none"
                        + " in this build; expected deploymentApproval destination: 'production' before blueGreenDeploy");
        assertThatCode(() -> FLOORS.requireApproved("production", Set.of("production"), "blueGreenDeploy"))
                .doesNotThrowAnyException();
        assertThatCode(() -> FLOORS.requireApproved("staging", Set.of(), "blueGreenDeploy")).doesNotThrowAnyException();
    }

    @Test
    void shouldNameTheDestinationOfAMistake() {
        assertThatThrownBy(() -> ApprovalFloors.parse("production: {approvers: [], required: 2}", "approval floors"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("approval floors: production/approvers: expected a list of user:<id> and group:<name>,"
                        + " e.g. [group:release-managers]");
        assertThatThrownBy(() -> ApprovalFloors.parse("production: {approvers: [group:rm], required: 0}", "approval floors"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("approval floors: production/required: expected at least 1 approval, got 0");
    }
}
