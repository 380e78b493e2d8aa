package io.jenkins.plugins.bluegreen.engine.config;

import io.jenkins.plugins.bluegreen.engine.remote.Host;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A validated {@code config/deploy.yml} with its destination applied: Kamal's settings plus ours
 * ({@link #extension()}). Secrets in it are {@link SecretRef}s, never values.
 */
public record DeployConfig(String service, String image, Optional<String> destination, List<Role> roles,
        String primaryRoleName, Optional<Registry> registry, Env env, List<String> volumes, Map<String, String> labels,
        Healthcheck healthcheck, Boot boot, Ssh ssh, int retainContainers, Duration deployTimeout,
        Duration drainTimeout, Duration readinessDelay, boolean requireDestination, BlueGreenSettings extension) {
    public static final String DEFAULT_PRIMARY_ROLE = "web";
    public static final int DEFAULT_RETAIN_CONTAINERS = 5;
    public static final Duration DEFAULT_DEPLOY_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_READINESS_DELAY = Duration.ofSeconds(7);

    static final Set<String> KEYS = Set.of("service", "image", "servers", "registry", "env", "volumes", "labels",
            "healthcheck", "proxy", "boot", "ssh", "primary_role", "retain_containers", "deploy_timeout", "drain_timeout",
            "readiness_delay", "require_destination", "allow_empty_roles", BlueGreenSettings.KEY);
    static final Set<String> KAMAL_ONLY = Set.of("builder", "accessories", "aliases", "asset_path", "hooks_path",
            "hooks_output", "logging", "minimum_version", "secrets_path", "error_pages_path", "run_directory", "sshkit",
            "output", "traefik", "stop_wait_time", "stop_timeout");
    private static final Set<String> PROXY_KEYS = Set.of("healthcheck", "app_port");
    private static final Set<String> PROXY_KAMAL_ONLY = Set.of("host", "hosts", "ssl", "ssl_redirect", "forward_headers",
            "response_timeout", "path_prefix", "path_prefixes", "strip_path_prefix", "buffering", "logging", "run");

    public DeployConfig {
        roles = List.copyOf(roles);
        volumes = List.copyOf(volumes);
        labels = ConfigMaps.ordered(labels);
    }

    /**
     * The image of release {@code version} as Kamal names it, {@code <registry>/<image>:<version>}:
     * what a deploy boots and a migration runs. Docker Hub needs no prefix.
     */
    public String releaseImage(final String version) {
        var server = registry.map(Registry::server).filter(s -> !Registry.DOCKER_HUB.equals(s));
        return server.map(s -> s + "/").orElse("") + image + ":" + version;
    }

    /** The role that must pass the health gate first; it carries the public traffic. */
    public Role primaryRole() {
        return role(primaryRoleName).orElseThrow();
    }

    public Optional<Role> role(final String name) {
        return roles.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    /** Every host of every role, each once, in file order; a port of 0 means {@code ssh().port()}. */
    public List<Host> allHosts() {
        var hosts = new LinkedHashSet<Host>();
        roles.forEach(r -> hosts.addAll(r.hosts()));
        return List.copyOf(hosts);
    }

    /** The values that are secrets: the registry password and every {@code env.secret}. */
    public Set<ConfigValue> secrets() {
        var secrets = new LinkedHashSet<ConfigValue>();
        registry.flatMap(Registry::credentials).ifPresent(c -> secrets.add(c.password()));
        secrets.addAll(env.secret().values());
        roles.forEach(r -> secrets.addAll(r.env().secret().values()));
        return Set.copyOf(secrets);
    }

    /** Every environment variable the config refers to, secret or not, in file order. */
    public Set<SecretRef> references() {
        var refs = new LinkedHashSet<SecretRef>();
        registry.flatMap(Registry::credentials).ifPresent(c -> {
            if (c.username() instanceof SecretRef ref) {
                refs.add(ref);
            }
            if (c.password() instanceof SecretRef ref) {
                refs.add(ref);
            }
        });
        var envs = new ArrayList<Env>();
        envs.add(env);
        roles.forEach(r -> envs.add(r.env()));
        for (Env e : envs) {
            e.clear().values().stream().filter(SecretRef.class::isInstance).map(SecretRef.class::cast).forEach(refs::add);
            refs.addAll(e.secret().values());
        }
        return refs;
    }

    static DeployConfig from(final ConfigNode root, final Optional<String> destination) {
        root.allowKeys(KEYS, KAMAL_ONLY);
        var proxy = root.at("proxy");
        if (proxy.present() && !proxy.isMap()) {
            proxy.expected("a map of proxy settings");
        }
        proxy.allowKeys(PROXY_KEYS, PROXY_KAMAL_ONLY);
        checkProxyAsKamal(proxy);

        var service = root.at("service").required("the service name");
        if (!service.isEmpty() && !service.matches("[A-Za-z0-9_-]+")) {
            root.at("service").expected("a name of letters, digits, - and _");
        }
        var image = root.at("image").required("the image name, like a2d2/app");
        if (!image.isEmpty() && !ImageName.valid(image)) {
            root.at("image").expected(ImageName.hasTagOrDigest(image) && ImageName.valid(image.split("[:@]")[0])
                    ? "an image name without a tag or digest (the version is added per deploy)" : ImageName.EXPECTED);
        }
        var env = Env.from(root.at("env"), true);
        var roles = Role.allFrom(root.at("servers"), env);
        var primary = root.at("primary_role").text("a role name", DEFAULT_PRIMARY_ROLE);
        checkRoles(root, roles, primary);

        var deployTimeout = root.at("deploy_timeout").duration(DEFAULT_DEPLOY_TIMEOUT);
        // Our app port falls back on what Kamal already says about it: Kamal 2's proxy, then Kamal 1's healthcheck.
        int appPort = proxy.at("app_port").port(root.at("healthcheck").at("port").port(Ports.DEFAULT_APP));
        var explicitAppPort = root.at(BlueGreenSettings.KEY).at("app_port").port(appPort);
        var healthcheck = Healthcheck.from(root.at("healthcheck"), proxy.at("healthcheck"), explicitAppPort);
        return new DeployConfig(service, image, destination, roles, primary, Registry.from(root.at("registry")), env,
                volumes(root.at("volumes")), Labels.from(root.at("labels"), false), healthcheck, Boot.from(root.at("boot")),
                Ssh.from(root.at("ssh")),
                root.at("retain_containers").integer(DEFAULT_RETAIN_CONTAINERS, 1, Integer.MAX_VALUE), deployTimeout,
                root.at("drain_timeout").duration(DEFAULT_DRAIN_TIMEOUT),
                root.at("readiness_delay").duration(DEFAULT_READINESS_DELAY),
                root.at("require_destination").bool(false),
                BlueGreenSettings.from(root.at(BlueGreenSettings.KEY), service, appPort, healthcheck, deployTimeout));
    }

    /**
     * The proxy settings Kamal refuses, refused here too although we do not act on them: a file
     * Kamal cannot deploy is a mistake, whichever tool reads it first.
     */
    private static void checkProxyAsKamal(final ConfigNode proxy) {
        boolean host = proxy.at("host").present() || proxy.at("hosts").present();
        var ssl = proxy.at("ssl");
        if (!host && ssl.present() && !(ssl.json().isBoolean() && !ssl.json().asBoolean())) {
            ssl.error("expected proxy/host or proxy/hosts to go with automatic SSL (Kamal refuses ssl without a host),"
                    + " got neither");
        }
        if (proxy.at("host").present() && proxy.at("hosts").present()) {
            proxy.at("hosts").error("expected one of proxy/host and proxy/hosts (Kamal refuses both), got both");
        }
    }

    private static List<String> volumes(final ConfigNode node) {
        var volumes = new ArrayList<String>();
        for (ConfigNode item : node.items("a list of volumes like storage:/rails/storage")) {
            item.text("a volume like storage:/rails/storage").ifPresent(volume -> {
                if (VolumeSpec.valid(volume)) {
                    volumes.add(volume);
                }
                else {
                    item.expected(VolumeSpec.EXPECTED);
                }
            });
        }
        return volumes;
    }

    private static void checkRoles(final ConfigNode root, final List<Role> roles, final String primary) {
        boolean allowEmpty = root.at("allow_empty_roles").bool(false);
        var servers = root.at("servers");
        for (Role role : roles) {
            var node = servers.isList() ? servers : servers.at(role.name());
            var hosts = node.isMap() ? node.at("hosts") : node;
            // Hosts that were written but wrong have their own errors already.
            if (role.hosts().isEmpty() && !allowEmpty && hosts.json().size() == 0) {
                hosts.error("expected at least one host, got none");
            }
        }
        var names = new LinkedHashMap<String, Role>();
        roles.forEach(r -> names.put(r.name(), r));
        if (!roles.isEmpty() && !names.containsKey(primary)) {
            root.at("primary_role").error("expected the name of a role in servers (" + String.join(", ", names.keySet())
                    + "), got '" + primary + "'");
        }
    }
}
