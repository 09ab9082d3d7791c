// Copyright (c) flowr contributors. MIT licence.
// delay-relay: forwards TCP connections to a target, holding every chunk of bytes for a fixed one-way
// delay, so that two processes on one machine see a LAN's round trip (this kernel has no netem).
//
//   cc -O2 -pthread -o delay-relay delay-relay.c
//   ./delay-relay LISTEN_PORT TARGET_PORT ONE_WAY_DELAY_MICROSECONDS     (both ports on 127.0.0.1)
//
// Each accepted connection gets its own connection to the target and one thread per direction. A
// direction's thread waits (poll) for bytes or for the next chunk to fall due, whichever is first, and
// writes due chunks in order: a round trip costs twice the delay plus what the relay itself takes.
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

struct held { struct held *next; int64_t due_ns; size_t length; char bytes[]; };
struct direction { int in, out; int64_t delay_ns; };

static int64_t now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000 + t.tv_nsec;
}

static int write_all(int fd, const char *bytes, size_t length) {
    while (length > 0) {
        ssize_t n = write(fd, bytes, length);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return -1;
        bytes += n;
        length -= (size_t)n;
    }
    return 0;
}

static void *forward(void *argument) {
    struct direction *d = argument;
    struct held *first = NULL, *last = NULL;
    int open = 1;
    char buffer[65536];
    while (open || first) {
        int64_t now = now_ns();
        while (first && first->due_ns <= now) {
            struct held *h = first;
            if (write_all(d->out, h->bytes, h->length) < 0) { open = 0; while (first) { h = first; first = first->next; free(h); } break; }
            first = h->next;
            if (!first) last = NULL;
            free(h);
        }
        if (!open && !first) break;
        if (!open) {
            // Nothing more comes in: sleep until the next chunk is due.
            struct timespec until = { (time_t)(first->due_ns / 1000000000), (long)(first->due_ns % 1000000000) };
            clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL);
            continue;
        }
        // Wait for bytes, but no longer than until the next chunk is due (ppoll: nanoseconds).
        struct pollfd p = { d->in, POLLIN, 0 };
        struct timespec timeout, *limit = NULL;
        if (first) {
            int64_t wait = first->due_ns - now_ns();
            if (wait < 0) wait = 0;
            timeout.tv_sec = (time_t)(wait / 1000000000);
            timeout.tv_nsec = (long)(wait % 1000000000);
            limit = &timeout;
        }
        int ready = ppoll(&p, 1, limit, NULL);
        if (ready == 0) continue;
        if (ready < 0) { if (errno == EINTR) continue; open = 0; continue; }
        ssize_t n = read(d->in, buffer, sizeof buffer);
        if (n <= 0) { open = 0; continue; }
        struct held *h = malloc(sizeof *h + (size_t)n);
        if (!h) { open = 0; continue; }
        h->next = NULL;
        h->due_ns = now_ns() + d->delay_ns;
        h->length = (size_t)n;
        memcpy(h->bytes, buffer, (size_t)n);
        if (last) last->next = h; else first = h;
        last = h;
    }
    shutdown(d->out, SHUT_WR);
    shutdown(d->in, SHUT_RD);
    return NULL;
}

static int connect_local(int port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (connect(fd, (struct sockaddr *)&address, sizeof address) < 0) { close(fd); return -1; }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return fd;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s LISTEN_PORT TARGET_PORT ONE_WAY_DELAY_MICROSECONDS\n", argv[0]);
        return 2;
    }
    int listen_port = atoi(argv[1]), target_port = atoi(argv[2]);
    int64_t delay_ns = (int64_t)atol(argv[3]) * 1000;
    signal(SIGPIPE, SIG_IGN);
    int listener = socket(AF_INET, SOCK_STREAM, 0), one = 1;
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons((uint16_t)listen_port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (bind(listener, (struct sockaddr *)&address, sizeof address) < 0 || listen(listener, 16) < 0) { perror("listen"); return 1; }
    for (;;) {
        int client = accept(listener, NULL, NULL);
        if (client < 0) { if (errno == EINTR) continue; perror("accept"); return 1; }
        setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        int target = connect_local(target_port);
        if (target < 0) { close(client); continue; }
        struct direction *up = malloc(sizeof *up), *down = malloc(sizeof *down);
        *up = (struct direction){ client, target, delay_ns };
        *down = (struct direction){ target, client, delay_ns };
        pthread_t a, b;
        pthread_create(&a, NULL, forward, up);
        pthread_create(&b, NULL, forward, down);
        pthread_detach(a);
        pthread_detach(b);
    }
}
