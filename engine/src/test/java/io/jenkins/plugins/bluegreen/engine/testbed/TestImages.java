package io.jenkins.plugins.bluegreen.engine.testbed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the test app images locally, without a registry: {@code podman import} of a tar holding
 * static busybox (for the start script and {@code podman exec}) and the app, a small static HTTP
 * server on port 3000 answering {@code /health}, {@code /health/ready} (with {@code checks}),
 * {@code /health/live}, {@code /} (its version), {@code /env-names}, the business request
 * {@code /checkout} and {@code /metrics} for Prometheus.
 *
 * <p>The server is C built here with {@code gcc -static} (resources/testbed/app/server.c): busybox
 * has no server fit for load (its {@code nc} listens with a backlog of 1 and its {@code httpd} routes
 * extension-less paths only through redirects), and the image must stay registry-free.
 *
 * <p>Each image is built once: a tag whose {@code bgtest.recipe} label matches the current sources is
 * reused, so a run after a change rebuilds rather than testing a stale app.
 */
public final class TestImages {
    /**
     * How a test app behaves; each variant is its own image tag. {@code checkoutErrorsPerMille} of
     * every 1000 {@code /checkout} requests answer 500, each after {@code checkoutDelayMillis}.
     */
    public record App(String tag, String version, int bootDelaySeconds, int healthyForSeconds, boolean redisUp,
                      int checkoutErrorsPerMille, int checkoutDelayMillis) {
        public App {
            if (checkoutErrorsPerMille < 0 || checkoutErrorsPerMille > 1000) {
                throw new IllegalArgumentException("checkout errors per mille is " + checkoutErrorsPerMille
                        + "; expected 0 to 1000");
            }
            if (checkoutDelayMillis < 0) {
                throw new IllegalArgumentException("checkout delay is " + checkoutDelayMillis + " ms; expected 0 or more");
            }
        }

        public String image() {
            return "localhost/bgtest-app:" + tag;
        }
    }

    /** Bump when the rootfs layout built here changes, so images built by older code are rebuilt. */
    private static final String LAYOUT = "busybox-relative-links-static-server-3";

    public static final App V1 = new App("v1", "v1", 0, -1, true, 0, 0);
    public static final App V2 = new App("v2", "v2", 0, -1, true, 0, 0);
    public static final App NEVER_HEALTHY = new App("never-healthy", "v3", 0, 0, true, 0, 0);
    public static final App REDIS_DOWN = new App("redis-down", "v2", 0, -1, false, 0, 0);

    private TestImages() {
    }

    /** Healthy at start, then {@code /health} answers 503 once {@code seconds} have passed. */
    public static App unhealthyAfter(final int seconds) {
        return new App("unhealthy-after-" + seconds + "s", "v2", 0, seconds, true, 0, 0);
    }

    /** Listens on its port only {@code seconds} after start: connections are refused until then. */
    public static App slowBoot(final int seconds) {
        return new App("slow-boot-" + seconds + "s", "v2", seconds, -1, true, 0, 0);
    }

    /**
     * A release whose {@code /health} stays ok while {@code perMille} of every 1000 {@code /checkout}
     * requests answer 500: broken where only its real traffic shows it.
     */
    public static App failingCheckout(final int perMille) {
        return new App("failing-checkout-" + perMille + "pm", "v2", 0, -1, true, perMille, 0);
    }

    /** A release whose {@code /checkout} answers only after {@code millis}, its {@code /health} at once. */
    public static App slowCheckout(final int millis) {
        return new App("slow-checkout-" + millis + "ms", "v2", 0, -1, true, 0, millis);
    }

    /** The image of {@code app}, built now unless an up-to-date one exists; returns its name. */
    public static synchronized String ensure(final App app) {
        var podman = TestTools.require("podman").toString();
        var start = resource("start");
        var server = resource("server.c");
        var variant = "VERSION=" + app.version() + "\nBOOT_DELAY=" + app.bootDelaySeconds()
                + "\nHEALTHY_FOR=" + app.healthyForSeconds() + "\nREDIS=" + app.redisUp()
                + "\nCHECKOUT_ERRORS_PER_MILLE=" + app.checkoutErrorsPerMille()
                + "\nCHECKOUT_DELAY_MS=" + app.checkoutDelayMillis() + "\n";
        var recipe = sha256(LAYOUT + start + server + variant);
        var existing = LocalProgram.run(List.of(podman, "image", "inspect", "--format", "{{index .Labels \"bgtest.recipe\"}}",
                app.image()), true);
        if (existing.strip().equals(recipe)) {
            return app.image();
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("bgtest-image");
            var root = dir.resolve("rootfs");
            Files.createDirectories(root.resolve("bin"));
            Files.createDirectories(root.resolve("app"));
            Files.createDirectories(root.resolve("tmp"));
            var busybox = TestTools.require("busybox");
            Files.copy(busybox, root.resolve("bin/busybox"));
            // Relative links: busybox --install would point them at wherever busybox sits on this machine.
            for (String applet : LocalProgram.run(List.of(busybox.toString(), "--list"), false).split("\n")) {
                var link = root.resolve("bin").resolve(applet.strip());
                if (!applet.isBlank() && !Files.exists(link)) {
                    Files.createSymbolicLink(link, Path.of("busybox"));
                }
            }
            write(root.resolve("app/start"), start, "rwxr-xr-x");
            compile(server, dir, root.resolve("app/server"));
            write(root.resolve("app/variant"), variant, "rw-r--r--");
            var tar = dir.resolve("app.tar");
            LocalProgram.run(List.of("tar", "-C", root.toString(), "-cf", tar.toString(), "."), false);
            LocalProgram.run(List.of(podman, "import", "--change", "CMD=[\"/app/start\"]",
                    "--change", "LABEL=bgtest.recipe=" + recipe, tar.toString(), app.image()), false);
            return app.image();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            if (dir != null) {
                LocalProgram.run(List.of("rm", "-rf", dir.toString()), true);
            }
        }
    }

    /** Builds the app server static, so it needs nothing from the image but itself. */
    private static void compile(final String source, final Path dir, final Path binary) throws IOException {
        var gcc = TestTools.require("gcc");
        var file = dir.resolve("server.c");
        Files.writeString(file, source);
        LocalProgram.run(List.of(gcc.toString(), "-static", "-O2", "-o", binary.toString(), file.toString()), false);
    }

    private static void write(final Path file, final String text, final String mode) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
    }

    private static String resource(final String name) {
        try (InputStream in = TestImages.class.getResourceAsStream("/testbed/app/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(final String text) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
