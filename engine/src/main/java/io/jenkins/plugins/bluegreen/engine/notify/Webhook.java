package io.jenkins.plugins.bluegreen.engine.notify;

import io.jenkins.plugins.bluegreen.engine.DeployFailedException;
import io.jenkins.plugins.bluegreen.engine.HttpCall;
import io.jenkins.plugins.bluegreen.engine.InvalidInputException;
import java.io.IOException;
import java.time.Duration;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Posts notifications to a chat webhook. The webhook URL is a secret (anyone holding it can post
 * to the channel), so no message of this class ever contains it, not even in part.
 */
public final class Webhook {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final OkHttpClient http;
    private final HttpUrl url;

    /**
     * @param http the client to post with (inside Jenkins, one that honours the proxy settings)
     * @param url  the webhook URL, from a secret
     */
    public Webhook(final OkHttpClient http, final String url) {
        var parsed = url == null ? null : HttpUrl.parse(url.strip());
        if (parsed == null) {
            throw new InvalidInputException("notification webhook: the credential does not hold an http(s) URL;"
                    + " expected the incoming-webhook URL of the chat channel");
        }
        this.http = http.newBuilder().callTimeout(TIMEOUT).build();
        this.url = parsed;
    }

    /** Posts one notification; a refusal or an unreachable endpoint is a {@link DeployFailedException}. */
    public void post(final Notification notification) {
        var request = new Request.Builder().url(url).post(RequestBody.create(notification.toJson(), JSON)).build();
        try (var response = HttpCall.execute(http, request)) {
            if (!response.isSuccessful()) {
                throw new DeployFailedException("notification webhook on " + url.host() + " answered HTTP "
                        + response.code() + "; expected 2xx");
            }
        }
        catch (IOException e) {
            // The exception text may quote the URL; only its kind goes out.
            throw new DeployFailedException("notification webhook on " + url.host() + " unreachable ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
