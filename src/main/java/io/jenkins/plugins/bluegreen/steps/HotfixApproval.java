package io.jenkins.plugins.bluegreen.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.model.User;
import io.jenkins.plugins.bluegreen.config.DeploymentPolicyConfiguration;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.approval.ApprovalGate;
import io.jenkins.plugins.bluegreen.engine.approval.Approver;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.support.steps.input.ApproverAction;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * A hotfix may open a closed deployment window only once someone on call, other than the person
 * who started the build, approved this build with Jenkins' {@code input} step. The engine's
 * approval gate decides whose approval counts; this class gathers who approved and their groups.
 */
final class HotfixApproval {
    private HotfixApproval() {}

    static void require(final String functionName, final Run<?, ?> run, final String requester,
                        final TaskListener listener) throws IOException, InterruptedException {
        var onCall = DeploymentPolicyConfiguration.get().getOnCallGroup();
        var now = Instant.now();
        var gate = EngineCall.engine(functionName,
                () -> ApprovalGate.open(ApprovalGate.hotfix(names(onCall), null), requester, now));
        for (ApproverAction approval : run.getActions(ApproverAction.class)) {
            if (gate.passed(now)) {
                break;
            }
            try {
                gate = gate.approve(approver(approval.getUserId()), now, null, null);
            }
            catch (InvalidInputException refused) {
                listener.getLogger().println("[" + functionName + "] approval does not count: " + refused.getMessage());
            }
        }
        if (!gate.passed(now)) {
            throw new AbortException(functionName + ": hotfix: the deployment window is closed and this build has no"
                    + " on-call approval (" + gate.describe(now) + "); approve it before " + functionName
                    + " with input(message: 'Approve hotfix?', submitter: '" + onCall + "')");
        }
    }

    private static Set<String> names(final String commaSeparated) {
        return commaSeparated == null ? Set.of() : Arrays.stream(commaSeparated.split(","))
                .map(String::strip).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static Approver approver(final String userId) {
        var user = User.getById(userId, false);
        if (user == null) {
            return new Approver(userId, Set.of());
        }
        try {
            return new Approver(userId, user.impersonate2().getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).collect(Collectors.toSet()));
        }
        catch (UsernameNotFoundException e) {
            return new Approver(userId, Set.of());
        }
    }
}
