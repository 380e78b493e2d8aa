package io.jenkins.plugins.bluegreen.engine.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.bluegreen.engine.deploy.DeployStamp;
import io.jenkins.plugins.bluegreen.engine.deploy.Service;
import io.jenkins.plugins.bluegreen.engine.testbed.LocalShell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployLockTest {
    private static final Service A2D2 = new Service("a2d2", "staging");
    private static final LockHolder ALICE = new LockHolder(
            new DeployStamp(Instant.parse("2026-11-24T10:15:30Z"), "alice"), "v2", "build #42");

    @TempDir
    Path runDir;

    @Test
    void shouldBuildLockCommandsAsExactStrings() {
        var c = new LockCommands(".bluegreen");
        assertThat(c.acquire(A2D2).render()).isEqualTo("sh -c 'mkdir -p \"$(dirname \"$1\")\" || exit 2; "
                + "if mkdir \"$1\" 2>/dev/null; then cat > \"$1/details\"; else cat \"$1/details\" 2>/dev/null; exit 3; fi'"
                + " sh .bluegreen/lock-a2d2-staging");
        assertThat(c.status(A2D2).render()).isEqualTo(
                "sh -c '[ -d \"$1\" ] || exit 0; echo held; cat \"$1/details\" 2>/dev/null; true' sh .bluegreen/lock-a2d2-staging");
        assertThat(c.release(A2D2).render()).isEqualTo(
                "sh -c '[ ! -d \"$1\" ] || { rm -f \"$1/details\" && rmdir \"$1\"; }' sh .bluegreen/lock-a2d2-staging");
        assertThat(c.forceRelease(A2D2).render()).isEqualTo("rm -rf .bluegreen/lock-a2d2-staging");
    }

    @Test
    void shouldRefuseASecondDeployNamingWhoHoldsTheLock() {
        var lock = new DeployLock(runDir.toString());
        var host = LocalShell.localhost();

        lock.acquire(host, A2D2, ALICE);

        assertThat(lock.status(host, A2D2)).contains(ALICE);
        var bob = new LockHolder(new DeployStamp(Instant.parse("2026-11-24T10:20:00Z"), "bob"), "v3", null);
        assertThatThrownBy(() -> lock.acquire(host, A2D2, bob))
                .isInstanceOf(LockHeldException.class)
                .hasMessage("localhost: a2d2-staging is locked by alice since 2026-11-24T10:15:30Z deploying v2 (build #42);"
                        + " wait for it to finish, or if that deploy is dead, release the stale lock explicitly (force)");

        lock.release(host, A2D2);
        assertThat(lock.status(host, A2D2)).isEmpty();
        lock.release(host, A2D2);
        lock.acquire(host, A2D2, bob);
        assertThat(lock.status(host, A2D2)).contains(bob);
    }

    @Test
    void shouldForceReleaseAStaleLockWithoutDetails() throws Exception {
        var lock = new DeployLock(runDir.toString());
        var host = LocalShell.localhost();
        Files.createDirectories(runDir.resolve("lock-a2d2-staging"));

        assertThat(lock.status(host, A2D2)).contains(LockHolder.UNKNOWN);
        assertThatThrownBy(() -> lock.acquire(host, A2D2, ALICE)).hasMessageContaining("locked by an unknown holder");

        lock.forceRelease(host, A2D2);
        lock.acquire(host, A2D2, ALICE);
        assertThat(Files.getPosixFilePermissions(runDir.resolve("lock-a2d2-staging/details")))
                .doesNotContain(PosixFilePermission.OTHERS_WRITE);
    }

    @Test
    void shouldLetExactlyOneOfManyConcurrentDeploysIn() throws Exception {
        var lock = new DeployLock(runDir.toString());
        var pool = Executors.newFixedThreadPool(8);
        try {
            var tries = new ArrayList<Future<Boolean>>();
            for (int i = 0; i < 8; i++) {
                var me = new LockHolder(new DeployStamp(Instant.now(), "deployer-" + i), "v" + i, null);
                Callable<Boolean> attempt = () -> {
                    try {
                        lock.acquire(LocalShell.localhost(), A2D2, me);
                        return true;
                    }
                    catch (LockHeldException e) {
                        return false;
                    }
                };
                tries.add(pool.submit(attempt));
            }
            int winners = 0;
            for (Future<Boolean> f : tries) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
        finally {
            pool.shutdownNow();
        }
    }
}
