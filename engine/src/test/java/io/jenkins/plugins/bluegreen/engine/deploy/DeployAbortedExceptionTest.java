package io.jenkins.plugins.bluegreen.engine.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.api.WatchReport;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * A deploy the watch sent back fails on the agent and is read on the Jenkins controller, whose
 * remoting class filter lets through throwables, enums, arrays and the plugin's own classes, and of
 * the JDK's other classes only those its whitelist names. So the watch's report may hold nothing else.
 */
class DeployAbortedExceptionTest {
    /** Checked in Jenkins core's {@code jenkins/security/whitelisted-classes.txt} at the pinned release. */
    private static final Set<String> JDK_CLASSES_JENKINS_ALLOWS = Set.of("java.util.ArrayList", "java.util.CollSer",
            "java.util.ImmutableCollections$List12", "java.util.ImmutableCollections$ListN", "java.lang.Double",
            "java.lang.Long", "java.lang.Number", "java.lang.StackTraceElement", "java.util.Collections$EmptyList");

    @Test
    void shouldCarryTheWatchAcrossTheChannelInClassesJenkinsLetsThrough() throws Exception {
        var watch = new WatchReport(WatchReport.Verdict.ROLLED_BACK, "error rate over 5% for 2 intervals in a row",
                new WatchReport.Limits(5, 2000, 0.5, 800, 2), List.of(new WatchReport.Series("nginx access log", List.of(
                        new WatchReport.Point(10_000, 120, 0.1, 95L, ""),
                        new WatchReport.Point(20_000, -1, null, null, "no data: log rotated")), 0.1, 95L)));
        var failure = new DeployAbortedException("v2 " + DeployAbortedException.ROLLED_BACK_AUTOMATICALLY + ": why",
                new DeployResult(DeployResult.Outcome.ROLLED_BACK, "v2", "v1", Color.GREEN, List.of(), Map.of(), null,
                        List.of(), "why", watch));

        var read = new TreeSet<String>();
        var back = (DeployAbortedException) readBack(failure, read);

        assertThat(back.watch()).isEqualTo(watch);
        assertThat(back.result()).as("the result stays on the agent").isNull();
        assertThat(read).filteredOn(name -> !name.startsWith("io.jenkins.plugins.bluegreen."))
                .filteredOn(name -> !name.startsWith("["))
                .filteredOn(name -> !isThrowableOrEnum(name))
                .isSubsetOf(JDK_CLASSES_JENKINS_ALLOWS);
    }

    private static boolean isThrowableOrEnum(final String name) {
        try {
            var type = Class.forName(name);
            return Throwable.class.isAssignableFrom(type) || Enum.class.isAssignableFrom(type);
        }
        catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }

    /** Java serialization as remoting does it, noting every class the reading side resolves. */
    private static Object readBack(final Object sent, final Set<String> read) throws Exception {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(sent);
        }
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(final ObjectStreamClass desc) throws IOException, ClassNotFoundException {
                read.add(desc.getName());
                return super.resolveClass(desc);
            }
        }) {
            return in.readObject();
        }
    }
}
