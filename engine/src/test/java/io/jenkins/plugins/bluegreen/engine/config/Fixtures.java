package io.jenkins.plugins.bluegreen.engine.config;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The config files under {@code src/test/resources/fixtures}, each a project with its {@code config/deploy.yml}. */
final class Fixtures {
    private Fixtures() {
    }

    static Path deployFile(final String name) {
        try {
            return Path.of(Fixtures.class.getResource("/fixtures/" + name + "/config/deploy.yml").toURI());
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
