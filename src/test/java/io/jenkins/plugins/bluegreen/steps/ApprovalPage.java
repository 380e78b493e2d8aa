package io.jenkins.plugins.bluegreen.steps;

import hudson.model.Run;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.FailingHttpStatusCodeException;
import org.htmlunit.HttpMethod;
import org.htmlunit.WebRequest;
import org.htmlunit.util.NameValuePair;
import org.jvnet.hudson.test.JenkinsRule;

/** Answers on a build's approval page as a signed-in user would: a POST with the crumb. */
final class ApprovalPage {
    private final JenkinsRule r;
    private final Run<?, ?> build;

    ApprovalPage(final JenkinsRule r, final Run<?, ?> build) {
        this.r = r;
        this.build = build;
    }

    /** The only question waiting on the build, once it is there. */
    String waitingGateId() throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            var action = build.getAction(ApprovalAction.class);
            var pending = action == null ? List.<PendingGate>of() : action.getPending();
            if (!pending.isEmpty()) {
                return pending.get(0).getGateId();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("nothing waits for an answer on " + build);
    }

    /** The HTTP status of the answer: 200 after the redirect back to the page, 403 when refused. */
    int answer(final String user, final String action, final String comment, final String ticket) throws Exception {
        try (var wc = r.createWebClient()) {
            wc.login(user);
            var request = new WebRequest(wc.createCrumbedUrl(build.getUrl() + ApprovalAction.URL_NAME + "/" + action),
                    HttpMethod.POST);
            var parameters = new ArrayList<NameValuePair>();
            parameters.add(new NameValuePair("id", waitingGateId()));
            parameters.add(new NameValuePair("comment", comment == null ? "" : comment));
            parameters.add(new NameValuePair("ticket", ticket == null ? "" : ticket));
            request.setRequestParameters(parameters);
            try {
                return wc.getPage(request).getWebResponse().getStatusCode();
            }
            catch (FailingHttpStatusCodeException e) {
                return e.getStatusCode();
            }
        }
    }

    int proceed(final String user, final String comment) throws Exception {
        return answer(user, "proceed", comment, null);
    }

    int abort(final String user, final String reason) throws Exception {
        return answer(user, "abort", reason, null);
    }
}
