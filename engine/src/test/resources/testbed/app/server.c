/*
 * The test app's HTTP server, built static into the test image (see TestImages).
 *
 * It replaces busybox `nc -ll -e`, which listens with a backlog of 1 and accepts the next
 * connection only after it has forked the handler for the last one. Under 200 requests a second
 * its accept queue overflowed; the kernel then drops the SYN (tcp_abort_on_overflow is 0), the
 * client resends it after 1 s and 3 s, and a load test counted timeouts that had nothing to do with
 * the switch. Real apps listen with a real backlog and do not fork a shell per request.
 *
 * The listener only accepts; each connection gets a forked child that answers one request
 * (Connection: close), so a slow or idle client never holds up the accept queue. SIGTERM stops the
 * accepting; a child still answering may finish.
 *
 * Behaviour comes from the environment the start script exports: VERSION, HEALTHY_FOR (seconds
 * after start from which /health answers 503; negative for never), REDIS (true or false). A test
 * makes a running app fall ill at the moment it chooses by creating /tmp/sick in its container.
 *
 * /checkout is the business request a release can break while its /health still says ok, the case
 * only a watch of real traffic catches. CHECKOUT_ERRORS_PER_MILLE (0 to 1000) makes exactly that
 * many of every 1000 checkouts answer 500, spread evenly rather than at random so a test can count
 * them; CHECKOUT_DELAY_MS holds every checkout answer back that long, a release that is slow.
 * A value that is not a whole number in range stops the server at start, naming the variable.
 *
 * /metrics shows what a Prometheus scrape of a real app would: requests by path and status, and a
 * latency histogram by path. Its own requests are not counted, so scraping does not change the
 * numbers it reports. Every request is answered by its own child, so the checkout count and the
 * metrics live in memory shared by all children, mapped before the first fork.
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define PORT 3000
#define BACKLOG 1024

extern char **environ;

static volatile sig_atomic_t stopping;
static time_t started;
static long checkout_errors_per_mille;
static long checkout_delay_ms;

/* The statuses this server answers; the metrics count requests by the same index. */
enum status { OK, NOT_FOUND, SERVER_ERROR, UNAVAILABLE, STATUSES };
static const struct {
    int code;
    const char *reason;
} statuses[STATUSES] = {
    {200, "OK"}, {404, "Not Found"}, {500, "Internal Server Error"}, {503, "Service Unavailable"},
};

/* The paths the metrics tell apart; a label per target would grow without bound. */
enum route { CHECKOUT, HEALTH, OTHER, ROUTES };
static const char *const route_labels[ROUTES] = {"/checkout", "/health", "other"};

/* Upper bounds of the latency buckets in seconds, those of Prometheus's client libraries. */
static const double bucket_bounds[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
#define BUCKETS (sizeof bucket_bounds / sizeof bucket_bounds[0])

/*
 * Shared by every child. A request adds to its count before its buckets, and a scrape reads the
 * buckets before the count, so no bucket a scrape shows ever exceeds the count beside it.
 */
struct shared {
    unsigned long checkouts;
    unsigned long requests[ROUTES][STATUSES];
    unsigned long count[ROUTES];
    unsigned long sum_ns[ROUTES];
    unsigned long buckets[ROUTES][BUCKETS]; /* cumulative: each counts the requests at or under its bound */
};
static struct shared *shared;

static void on_term(int sig) {
    (void) sig;
    stopping = 1;
}

static const char *env_or(const char *name, const char *fallback) {
    const char *value = getenv(name);
    return value ? value : fallback;
}

static int healthy(void) {
    long healthy_for = atol(env_or("HEALTHY_FOR", "-1"));
    if (access("/tmp/sick", F_OK) == 0) {
        return 0;
    }
    return healthy_for < 0 || time(NULL) - started < healthy_for;
}

/* Names of the environment only, sorted: proves an env file arrived without printing a value. */
static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

static void env_names(char *out, size_t size) {
    size_t count = 0;
    while (environ[count]) {
        count++;
    }
    char **names = calloc(count + 1, sizeof *names);
    for (size_t i = 0; i < count; i++) {
        names[i] = strndup(environ[i], strcspn(environ[i], "="));
    }
    qsort(names, count, sizeof *names, compare);
    out[0] = '\0';
    for (size_t i = 0; i < count; i++) {
        if (strlen(out) + strlen(names[i]) + 2 < size) {
            strcat(out, names[i]);
            strcat(out, " ");
        }
        free(names[i]);
    }
    free(names);
}

/* Whether target is path, with or without a query string. */
static int is_path(const char *target, const char *path) {
    size_t len = strlen(path);
    return strncmp(target, path, len) == 0 && (target[len] == '\0' || target[len] == '?');
}

static enum route route_of(const char *target) {
    if (is_path(target, "/checkout")) {
        return CHECKOUT;
    }
    return strcmp(target, "/health") == 0 ? HEALTH : OTHER;
}

/* Checkout k (counted from 1) fails when it takes floor(k * N / 1000) up a step: N of every 1000, evenly spread. */
static int checkout_fails(void) {
    unsigned long k = __atomic_add_fetch(&shared->checkouts, 1, __ATOMIC_SEQ_CST);
    return k * checkout_errors_per_mille / 1000 > (k - 1) * checkout_errors_per_mille / 1000;
}

static void sleep_ms(long ms) {
    struct timespec left = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&left, &left) != 0 && errno == EINTR) {
    }
}

static void record(enum route route, enum status status, unsigned long elapsed_ns) {
    __atomic_add_fetch(&shared->requests[route][status], 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&shared->count[route], 1, __ATOMIC_SEQ_CST);
    __atomic_add_fetch(&shared->sum_ns[route], elapsed_ns, __ATOMIC_SEQ_CST);
    for (size_t b = 0; b < BUCKETS; b++) {
        if (elapsed_ns <= bucket_bounds[b] * 1e9) {
            __atomic_add_fetch(&shared->buckets[route][b], 1, __ATOMIC_SEQ_CST);
        }
    }
}

static unsigned long load(const unsigned long *counter) {
    return __atomic_load_n(counter, __ATOMIC_SEQ_CST);
}

/* The Prometheus text exposition of the shared counters. */
static void metrics(char *out, size_t size) {
    size_t len = 0;
#define APPEND(...) len += (size_t) snprintf(out + len, len < size ? size - len : 0, __VA_ARGS__)
    APPEND("# HELP http_requests_total Requests answered, by path and status.\n");
    APPEND("# TYPE http_requests_total counter\n");
    for (int r = 0; r < ROUTES; r++) {
        for (int s = 0; s < STATUSES; s++) {
            APPEND("http_requests_total{path=\"%s\",code=\"%d\"} %lu\n", route_labels[r], statuses[s].code,
                   load(&shared->requests[r][s]));
        }
    }
    APPEND("# HELP http_request_duration_seconds Time from a read request to its written answer.\n");
    APPEND("# TYPE http_request_duration_seconds histogram\n");
    for (int r = 0; r < ROUTES; r++) {
        for (size_t b = 0; b < BUCKETS; b++) {
            APPEND("http_request_duration_seconds_bucket{path=\"%s\",le=\"%g\"} %lu\n", route_labels[r],
                   bucket_bounds[b], load(&shared->buckets[r][b]));
        }
        unsigned long count = load(&shared->count[r]);
        APPEND("http_request_duration_seconds_bucket{path=\"%s\",le=\"+Inf\"} %lu\n", route_labels[r], count);
        APPEND("http_request_duration_seconds_sum{path=\"%s\"} %.9f\n", route_labels[r],
               load(&shared->sum_ns[r]) / 1e9);
        APPEND("http_request_duration_seconds_count{path=\"%s\"} %lu\n", route_labels[r], count);
    }
#undef APPEND
}

/* Answers target on fd; returns the status it answered. */
static enum status answer(int fd, const char *target) {
    static char body[16384];
    const char *version = env_or("VERSION", "unknown");
    const char *type = "application/json";
    enum status status = OK;
    int ok = healthy();
    int redis = strcmp(env_or("REDIS", "true"), "true") == 0;

    if (route_of(target) == CHECKOUT) {
        sleep_ms(checkout_delay_ms);
        if (checkout_fails()) {
            status = SERVER_ERROR;
            snprintf(body, sizeof body, "{\"status\":\"failed\",\"version\":\"%s\"}", version);
        } else {
            snprintf(body, sizeof body, "{\"status\":\"ordered\",\"version\":\"%s\"}", version);
        }
    } else if (is_path(target, "/metrics")) {
        type = "text/plain; version=0.0.4";
        metrics(body, sizeof body);
    } else if (strcmp(target, "/health") == 0) {
        status = ok ? OK : UNAVAILABLE;
        snprintf(body, sizeof body, "{\"status\":\"%s\",\"version\":\"%s\"}", ok ? "ok" : "unhealthy", version);
    } else if (strcmp(target, "/health/ready") == 0) {
        status = ok && redis ? OK : UNAVAILABLE;
        snprintf(body, sizeof body, "{\"status\":\"%s\",\"checks\":{\"database\":%s,\"redis\":%s}}",
                 status == OK ? "ready" : "not_ready", ok ? "true" : "false", redis ? "true" : "false");
    } else if (strcmp(target, "/health/live") == 0) {
        snprintf(body, sizeof body, "{\"status\":\"live\"}");
    } else if (strcmp(target, "/") == 0) {
        type = "text/plain";
        snprintf(body, sizeof body, "bgtest-app %s", version);
    } else if (strcmp(target, "/env-names") == 0) {
        type = "text/plain";
        env_names(body, sizeof body);
    } else {
        status = NOT_FOUND;
        snprintf(body, sizeof body, "{\"status\":\"not found\"}");
    }
    static char response[sizeof body + 256];
    int n = snprintf(response, sizeof response,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                     statuses[status].code, statuses[status].reason, type, strlen(body), body);
    for (int sent = 0; sent < n;) {
        ssize_t w = write(fd, response + sent, (size_t) (n - sent));
        if (w <= 0) {
            break;
        }
        sent += (int) w;
    }
    return status;
}

static unsigned long now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (unsigned long) now.tv_sec * 1000000000UL + (unsigned long) now.tv_nsec;
}

/* Reads the request head (bounded in size and time) and answers it. */
static void serve(int fd) {
    char head[8192];
    size_t len = 0;
    struct timeval timeout = {5, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    while (len < sizeof head - 1) {
        ssize_t r = read(fd, head + len, sizeof head - 1 - len);
        if (r <= 0) {
            return;
        }
        len += (size_t) r;
        head[len] = '\0';
        if (strstr(head, "\r\n\r\n") || strstr(head, "\n\n")) {
            break;
        }
    }
    char method[16], target[2048];
    if (sscanf(head, "%15s %2047s", method, target) != 2) {
        return;
    }
    unsigned long begun = now_ns();
    enum status status = answer(fd, target);
    if (!is_path(target, "/metrics")) {
        record(route_of(target), status, now_ns() - begun);
    }
    shutdown(fd, SHUT_WR);
}

/* A whole number from the environment within [0, max], or the server refuses to start. */
static int env_number(const char *name, long max, long *value) {
    const char *text = env_or(name, "0");
    char *end;
    errno = 0;
    *value = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || *value < 0 || *value > max) {
        fprintf(stderr, "server: %s is '%s'; expected a whole number from 0 to %ld\n", name, text, max);
        return 0;
    }
    return 1;
}

int main(void) {
    started = time(NULL);
    if (!env_number("CHECKOUT_ERRORS_PER_MILLE", 1000, &checkout_errors_per_mille)
        || !env_number("CHECKOUT_DELAY_MS", 3600000, &checkout_delay_ms)) {
        return 1;
    }
    shared = mmap(NULL, sizeof *shared, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED) {
        perror("server: map the shared counters");
        return 1;
    }
    struct sigaction term = {0};
    term.sa_handler = on_term; /* no SA_RESTART: accept returns EINTR and the loop ends */
    sigaction(SIGTERM, &term, NULL);
    sigaction(SIGINT, &term, NULL);
    signal(SIGPIPE, SIG_IGN);

    signal(SIGCHLD, SIG_IGN); /* children are reaped by the kernel */

    int listener = socket(AF_INET, SOCK_STREAM, 0);
    int on = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in address = {0};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_ANY);
    address.sin_port = htons(PORT);
    if (bind(listener, (struct sockaddr *) &address, sizeof address) != 0 || listen(listener, BACKLOG) != 0) {
        perror("server: listen on port 3000");
        return 1;
    }
    while (!stopping) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0) {
            if (errno != EINTR) {
                perror("server: accept");
            }
            continue;
        }
        pid_t child = fork();
        if (child == 0) {
            close(listener);
            serve(fd);
            close(fd);
            _exit(0);
        }
        if (child < 0) {
            perror("server: fork");
        }
        close(fd);
    }
    return 0;
}
