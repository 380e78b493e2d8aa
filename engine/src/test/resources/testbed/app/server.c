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
 */
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

static void answer(int fd, const char *target) {
    static char body[16384];
    const char *version = env_or("VERSION", "unknown");
    const char *type = "application/json";
    int status = 200;
    int ok = healthy();
    int redis = strcmp(env_or("REDIS", "true"), "true") == 0;

    if (strcmp(target, "/health") == 0) {
        status = ok ? 200 : 503;
        snprintf(body, sizeof body, "{\"status\":\"%s\",\"version\":\"%s\"}", ok ? "ok" : "unhealthy", version);
    } else if (strcmp(target, "/health/ready") == 0) {
        status = ok && redis ? 200 : 503;
        snprintf(body, sizeof body, "{\"status\":\"%s\",\"checks\":{\"database\":%s,\"redis\":%s}}",
                 status == 200 ? "ready" : "not_ready", ok ? "true" : "false", redis ? "true" : "false");
    } else if (strcmp(target, "/health/live") == 0) {
        snprintf(body, sizeof body, "{\"status\":\"live\"}");
    } else if (strcmp(target, "/") == 0) {
        type = "text/plain";
        snprintf(body, sizeof body, "bgtest-app %s", version);
    } else if (strcmp(target, "/env-names") == 0) {
        type = "text/plain";
        env_names(body, sizeof body);
    } else {
        status = 404;
        snprintf(body, sizeof body, "{\"status\":\"not found\"}");
    }
    const char *reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Service Unavailable";
    static char response[sizeof body + 256];
    int n = snprintf(response, sizeof response,
                     "HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
                     status, reason, type, strlen(body), body);
    for (int sent = 0; sent < n;) {
        ssize_t w = write(fd, response + sent, (size_t) (n - sent));
        if (w <= 0) {
            return;
        }
        sent += (int) w;
    }
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
    answer(fd, target);
    shutdown(fd, SHUT_WR);
}

int main(void) {
    started = time(NULL);
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
