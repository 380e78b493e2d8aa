package io.jenkins.plugins.bluegreen.engine.deploy;

import io.jenkins.plugins.bluegreen.engine.config.Gate;
import io.jenkins.plugins.bluegreen.engine.config.LoadedConfig;
import io.jenkins.plugins.bluegreen.engine.config.Role;
import io.jenkins.plugins.bluegreen.engine.container.ContainerSpec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the config into what runs on a host: the {@link ContainerSpec} of a role in a color for a
 * release, and the secret values its env file carries. Builds only; nothing here touches a host.
 */
final class ReleaseSpecs {
    private final LoadedConfig loaded;
    private final Service service;
    private final ConfigWiring wiring;

    ReleaseSpecs(final LoadedConfig loaded, final Service service, final ConfigWiring wiring) {
        this.loaded = loaded;
        this.service = service;
        this.wiring = wiring;
    }

    /** The image the release runs, from the config's registry (a deploy from a private one pulled Docker Hub's). */
    String image(final String version) {
        return loaded.config().releaseImage(version);
    }

    ContainerSpec spec(final Role role, final Color color, final String version) {
        var config = loaded.config();
        var env = new LinkedHashMap<String, String>();
        role.env().clear().forEach((name, value) -> env.put(name, loaded.resolve(value)));
        var labels = new LinkedHashMap<>(config.labels());
        labels.putAll(role.labels());
        var cmd = role.cmd().map(c -> Arrays.asList(c.strip().split("\\s+"))).orElse(List.of());
        // A direct gate reaches the container over the network; a tunnelled one needs loopback only.
        boolean direct = config.extension().gate().via() == Gate.Via.DIRECT;
        // Only the traffic role has a color port; a worker beside it on the same host publishes nothing.
        int hostPort = role.name().equals(config.primaryRoleName()) ? wiring.port(color) : ContainerSpec.NO_PORT;
        return new ContainerSpec(service, role.name(), color, image(version), version, env,
                List.copyOf(role.env().secret().keySet()), config.volumes(), role.options(), labels, cmd, hostPort,
                config.extension().ports().app(), direct);
    }

    /** The value of each secret variable of {@code role}, looked up in the deploy's environment. */
    Map<String, String> secrets(final Role role) {
        var values = new LinkedHashMap<String, String>();
        role.env().secret().forEach((name, ref) -> {
            var value = loaded.env().apply(ref.name());
            if (value != null) {
                values.put(name, value);
            }
        });
        return values;
    }
}
