package io.jenkins.plugins.bluegreen.engine.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server of its own for a test class: a fresh cluster in a temporary directory,
 * listening on a free loopback port only, with one database, torn down and deleted afterwards.
 * Register it on a static field:
 *
 * <pre>{@code @RegisterExtension static final PostgresExtension POSTGRES = new PostgresExtension();}</pre>
 *
 * <p>Postgres refuses to run as root, so under root the server runs as the {@code postgres} system
 * user (engine/scripts/install-test-tools.sh makes sure it exists); clients connect with trust
 * authentication, which is fine for a throw-away cluster bound to 127.0.0.1. JDBC comes over TCP;
 * psql comes through the server's Unix socket, which test-bed hosts reach too: they share this
 * machine's files but not its loopback.
 */
public final class PostgresExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String SUPERUSER = "postgres";
    private static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final String database;
    private Path bin;
    private Path root;
    private int port;

    /** A server with a database named {@code app}. */
    public PostgresExtension() {
        this("app");
    }

    public PostgresExtension(final String database) {
        this.database = database;
    }

    @Override
    public void beforeAll(final ExtensionContext context) throws Exception {
        bin = binDir();
        root = Files.createTempDirectory("bluegreen-pg-");
        var sockets = Files.createDirectory(root.resolve("run"));
        if (runningAsRoot()) {
            var owner = serverUser();
            Files.setOwner(root, owner);
            Files.setOwner(sockets, owner);
        }
        asServerUser(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions");
        start(sockets);
        run(List.of(bin.resolve("createdb").toString(), "-h", HOST, "-p", String.valueOf(port), "-U", SUPERUSER, database));
    }

    @Override
    public void afterAll(final ExtensionContext context) throws Exception {
        if (root == null) {
            return;
        }
        try {
            if (port != 0) {
                asServerUser(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "fast", "-w", "-t", "60", "stop");
            }
        }
        finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** {@code jdbc:postgresql://127.0.0.1:<port>/<database>?user=postgres}. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database + "?user=" + SUPERUSER;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** The psql command line for this database, stopping at the first error, followed by {@code args}. */
    public List<String> psql(final String... args) {
        var command = new ArrayList<>(List.of(bin.resolve("psql").toString(), "-X", "-q", "-v", "ON_ERROR_STOP=1",
                "-h", socketDir(), "-p", String.valueOf(port), "-U", SUPERUSER, "-d", database));
        command.addAll(Arrays.asList(args));
        return command;
    }

    /** Runs psql with {@code args} and returns what it printed; fails the test with that output if psql fails. */
    public String runPsql(final String... args) {
        return run(psql(args));
    }

    public int port() {
        return port;
    }

    /** The directory of the server's Unix socket: the {@code -h} of a client that comes from a test-bed host. */
    public String socketDir() {
        return root.resolve("run").toString();
    }

    public String database() {
        return database;
    }

    private void start(final Path sockets) throws IOException {
        var log = root.resolve("postgres.log");
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            port = FreePorts.on(HOST);
            var options = "-c listen_addresses=" + HOST + " -p " + port + " -k " + sockets
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            try {
                asServerUser(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", log.toString(),
                        "-w", "-t", "60", "-o", options, "start");
                return;
            }
            catch (AssertionError e) {
                // Another test may have taken the port between our probe and the server's bind; try another.
                if (attempt == START_ATTEMPTS) {
                    var serverLog = Files.exists(log) ? Files.readString(log) : "";
                    throw new AssertionError(e.getMessage() + "\n" + serverLog, e);
                }
            }
        }
    }

    private UserPrincipal serverUser() throws IOException {
        try {
            return root.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
        }
        catch (UserPrincipalNotFoundException e) {
            throw new AssertionError("postgres refuses to run as root and there is no '" + SUPERUSER
                    + "' user to run it as; run engine/scripts/install-test-tools.sh", e);
        }
    }

    private Path data() {
        return root.resolve("data");
    }

    private String asServerUser(final String... command) {
        var full = new ArrayList<String>();
        if (runningAsRoot()) {
            full.addAll(List.of(TestTools.require("runuser").toString(), "-u", SUPERUSER, "--"));
        }
        full.addAll(Arrays.asList(command));
        return run(full);
    }

    private String run(final List<String> command) {
        try {
            var builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true);
            builder.environment().put("PGCONNECT_TIMEOUT", "10");
            var process = builder.start();
            process.getOutputStream().close();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + COMMAND_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ":\n" + output);
            }
            return output;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command.get(0), e);
        }
    }

    /** The server binaries: pg_config's bindir, else the newest /usr/lib/postgresql/N/bin, else PATH. */
    private static Path binDir() {
        return fromPgConfig()
                .or(PostgresExtension::newestDebianBinDir)
                .orElseGet(() -> TestTools.require("postgres").getParent());
    }

    private static Optional<Path> fromPgConfig() {
        return TestTools.find("pg_config").flatMap(pgConfig -> {
            try {
                var process = new ProcessBuilder(pgConfig.toString(), "--bindir").redirectErrorStream(true).start();
                var out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
                return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0
                        ? Optional.of(Path.of(out)).filter(d -> Files.isExecutable(d.resolve("postgres")))
                        : Optional.empty();
            }
            catch (IOException e) {
                return Optional.empty();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    private static Optional<Path> newestDebianBinDir() {
        var versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(versions)) {
            return dirs.map(d -> d.resolve("bin"))
                    .filter(d -> Files.isExecutable(d.resolve("postgres")))
                    .max(Comparator.comparing((Path d) -> d.getParent().getFileName().toString(),
                            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder())));
        }
        catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
