package io.jenkins.plugins.bluegreen.engine;

import java.io.IOException;
import java.io.InterruptedIOException;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Every HTTP request of the engine, so that an interrupt (a cancelled deploy) comes out as an
 * {@link InterruptedIOException}.
 *
 * <p>OkHttp 5 is written in Kotlin, which declares no checked exceptions: interrupted while it
 * waits for a new connection, it throws the queue's raw {@link InterruptedException}. No Java
 * signature admits that, so it would pass every {@code catch (IOException)} and
 * {@code catch (RuntimeException)} — and with them the cleanup that stops a new color after a cancel.
 */
public final class HttpCall {
    private HttpCall() {
    }

    public static Response execute(final OkHttpClient client, final Request request) throws IOException {
        try {
            return client.newCall(request).execute();
        }
        catch (IOException | RuntimeException e) {
            throw e;
        }
        catch (Exception e) {
            // Only a checked exception that Kotlin let past the signature gets here.
            var url = request.url().redact();
            if (!(e instanceof InterruptedException)) {
                throw new IOException(e.getClass().getSimpleName() + " while requesting " + url, e);
            }
            // The queue cleared the interrupt flag when it threw; the caller's loop must still see it.
            Thread.currentThread().interrupt();
            var io = new InterruptedIOException("interrupted while requesting " + url);
            io.initCause(e);
            throw io;
        }
    }
}
