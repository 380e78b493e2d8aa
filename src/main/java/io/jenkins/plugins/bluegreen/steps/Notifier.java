package io.jenkins.plugins.bluegreen.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.model.Run;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.notify.Notification;
import io.jenkins.plugins.bluegreen.engine.notify.Webhook;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import okhttp3.OkHttpClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Sends a notification to the chat webhook named in the global configuration (a Secret text
 * credential holding the webhook URL). Sent on a timer thread: a slow chat never delays a deploy,
 * and a failed post is logged (without the URL), never a build failure.
 */
final class Notifier {
    private static final Logger LOGGER = Logger.getLogger(Notifier.class.getName());
    private static final OkHttpClient HTTP = new OkHttpClient();

    private Notifier() {}

    /** The build's page, the link a notification about a build gives. */
    static String buildPage(final Run<?, ?> run) {
        var root = Jenkins.get().getRootUrl();
        return (root == null ? "/" : root) + run.getUrl();
    }

    static void send(final Run<?, ?> run, final Notification notification) {
        var id = BlueGreenConfiguration.get().getNotificationCredentialsId();
        if (id == null) {
            return;
        }
        Timer.get().submit(() -> {
            var credential = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
            if (credential == null) {
                LOGGER.warning(() -> "notification for " + run + " not sent: no Secret text credentials '" + id
                        + "' this build may use");
                return;
            }
            try {
                new Webhook(HTTP, credential.getSecret().getPlainText()).post(notification);
            }
            catch (InvalidInputException | DeployFailedException e) {
                LOGGER.log(Level.WARNING, "notification for {0} not sent: {1}", new Object[] {run, e.getMessage()});
            }
        });
    }
}
