package io.jenkins.plugins.bluegreen.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.bluegreen.engine.api.DeployOutcome;
import io.jenkins.plugins.bluegreen.engine.event.Phase;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The shape Jenkins saves: a build's XML is written by reflection over the record's fields, which
 * refuses records and the JDK's immutable collections on Java 17+. Jenkins' XStream is not on the
 * engine's classpath, so this walks the same fields it would.
 */
class DeploymentRecordTest {
    private static final Attempt DEPLOY = new Attempt("blueGreenDeploy", "production", "v2", "alice",
            Instant.parse("2026-12-08T10:15:00Z"));

    @Test
    void shouldStoreOnlyPlainClassesAndArrayListsWithAWatch() throws Exception {
        var live = DEPLOY.live(new DeployOutcome("v2", "v1", "green", List.of("web-1.internal"),
                Map.of(Phase.SWITCH, Duration.ofMillis(30)), null, WatchReports.healthy()));
        var rolledBack = DEPLOY.failed("v2 was rolled back automatically", WatchReports.rolledBack("nginx access log"));

        for (var record : List.of(live, rolledBack)) {
            var stored = new ArrayList<Class<?>>();
            walk(record, stored, new IdentityHashMap<>());
            assertThat(stored).noneMatch(Class::isRecord)
                    .allMatch(type -> !Collection.class.isAssignableFrom(type) || type == ArrayList.class,
                            "every stored collection an ArrayList");
            assertThat(stored).contains(WatchSummary.class, WatchSummary.Source.class, WatchSummary.Point.class);
        }
    }

    @Test
    void shouldReadTheWatchBackAfterSerialization() throws Exception {
        var record = DEPLOY.failed("v2 was rolled back automatically", WatchReports.rolledBack("nginx access log"));
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(record);
        }

        DeploymentRecord back;
        try (var in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (DeploymentRecord) in.readObject();
        }

        assertThat(back.getWatch().getPoints()).extracting(WatchSummary.Point::toString)
                .isEqualTo(record.getWatch().getPoints().stream().map(WatchSummary.Point::toString).toList());
        assertThat(back.getWatchChart()).isEqualTo(record.getWatchChart());
    }

    /** Every object reachable through instance fields, by class, as a reflection-based writer visits them. */
    private static void walk(final Object value, final List<Class<?>> stored, final Map<Object, Object> seen)
            throws IllegalAccessException {
        if (value == null || seen.put(value, value) != null) {
            return;
        }
        var type = value.getClass();
        stored.add(type);
        if (type.getName().startsWith("java.lang.") || type.isEnum()) {
            return;
        }
        if (value instanceof Collection<?> collection) {
            for (Object element : collection) {
                walk(element, stored, seen);
            }
            return;
        }
        for (var c = type; c != Object.class; c = c.getSuperclass()) {
            for (var field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && !Modifier.isTransient(field.getModifiers())) {
                    field.setAccessible(true);
                    walk(field.get(value), stored, seen);
                }
            }
        }
    }
}
