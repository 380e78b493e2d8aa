package io.jenkins.plugins.bluegreen.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.Util;
import hudson.model.Run;
import hudson.security.ACL;
import hudson.util.Secret;
import io.jenkins.plugins.bluegreen.config.BlueGreenConfiguration;
import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import io.jenkins.plugins.bluegreen.engine.notify.Notification;
import io.jenkins.plugins.bluegreen.engine.notify.Webhook;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.util.Timer;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Sends a notification to the chat webhook named in the global configuration (a Secret text
 * credential holding the webhook URL), through Jenkins' HTTP proxy when one is configured. Sent on
 * a timer thread: a slow chat never delays a deploy, and a failed post is logged (without the URL),
 * never a build failure.
 */
final class Notifier {
    private static final Logger LOGGER = Logger.getLogger(Notifier.class.getName());
    private static final OkHttpClient HTTP = new OkHttpClient();
    private static final String PROXY_AUTHORIZATION = "Proxy-Authorization";

    private Notifier() {}

    /** The build's page, the link a notification about a build gives. */
    static String buildPage(final Run<?, ?> run) {
        var root = Jenkins.get().getRootUrl();
        return (root == null ? "/" : root) + run.getUrl();
    }

    /**
     * The client for {@code url}: through the proxy of Jenkins' HTTP proxy configuration unless its
     * "no proxy" hosts name the webhook's host, with the proxy's login when it has one.
     */
    static OkHttpClient client(final String url) {
        var proxy = Jenkins.get().getProxy();
        if (proxy == null) {
            return HTTP;
        }
        var parsed = HttpUrl.parse(url);
        var builder = HTTP.newBuilder().proxy(proxy.createProxy(parsed == null ? null : parsed.host()));
        var user = Util.fixEmptyAndTrim(proxy.getUserName());
        if (user != null) {
            var password = Secret.toString(proxy.getSecretPassword());
            // Asked once per 407: a proxy that refuses the login again ends the post instead of looping.
            builder.proxyAuthenticator((route, response) -> {
                var refused = response.request();
                return refused.header(PROXY_AUTHORIZATION) != null ? null
                        : refused.newBuilder().header(PROXY_AUTHORIZATION, Credentials.basic(user, password)).build();
            });
        }
        return builder.build();
    }

    static void send(final Run<?, ?> run, final Notification notification) {
        var id = BlueGreenConfiguration.get().getNotificationCredentialsId();
        if (id == null) {
            return;
        }
        Timer.get().submit(() -> {
            // Jenkins' own credential, not the build's: looked up at the root as SYSTEM, where System scope
            // is visible (credentials plugin, SystemCredentialsProvider), so it can be hidden from every
            // pipeline, and no build parameter can name another one the way findCredentialById expands ${...}.
            var credential = CredentialsProvider.findCredentialByIdInItemGroup(id, StringCredentials.class, Jenkins.get(),
                    ACL.SYSTEM2, List.of());
            if (credential == null) {
                LOGGER.warning(() -> "notification for " + run + " not sent: no Secret text credentials '" + id + "'");
                return;
            }
            try {
                var url = credential.getSecret().getPlainText();
                new Webhook(client(url), url).post(notification);
            }
            catch (InvalidInputException | DeployFailedException e) {
                LOGGER.log(Level.WARNING, "notification for {0} not sent: {1}", new Object[] {run, e.getMessage()});
            }
        });
    }
}
