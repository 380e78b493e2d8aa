package io.jenkins.plugins.bluegreen.engine.ledger;

import io.jenkins.plugins.bluegreen.engine.deploy.Color;

import java.time.Instant;

/**
 * A version of a service deployed into a color.
 *
 * @param image {@code null} when not known (a history line written without one)
 * @param deployedAt {@code null} when not known
 * @param deployedBy {@code null} when not known
 */
public record Release(String version, Color color, String image, Instant deployedAt, String deployedBy) {
}
