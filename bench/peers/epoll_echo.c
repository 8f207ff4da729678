/* The near-limit reference for the echo benchmarks: one thread, epoll,
 * non-blocking sockets, echo what arrives straight back. TCP and UDP on the
 * same port. No backpressure, no tracking, no logging: a floor to compare
 * Wirebench's echo servers against, not a server for real use.
 *
 *   cc -O2 -o epoll_echo epoll_echo.c && ./epoll_echo PORT
 * Prints "listening PORT" when ready (PORT 0 picks a free one). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

static char buffer[65536];

static int bound_socket(int type, int port)
{
    int fd = socket(AF_INET, type | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), on = 1;
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons(port)};
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0) {
        perror("bind");
        exit(1);
    }
    return fd;
}

static void echo_tcp(int fd)
{
    for (;;) {
        ssize_t n = recv(fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
            if (n < 0 && errno == EAGAIN)
                return;
            close(fd); /* EOF or error; epoll forgets closed descriptors */
            return;
        }
        for (ssize_t sent = 0; sent < n;) { /* the client reads while it writes: a short spin is fine */
            ssize_t w = send(fd, buffer + sent, (size_t)(n - sent), MSG_NOSIGNAL);
            if (w < 0 && errno != EAGAIN) {
                close(fd);
                return;
            }
            if (w > 0)
                sent += w;
        }
    }
}

static void echo_udp(int fd)
{
    struct sockaddr_storage from;
    for (;;) {
        socklen_t length = sizeof from;
        ssize_t n = recvfrom(fd, buffer, sizeof buffer, 0, (struct sockaddr *)&from, &length);
        if (n < 0)
            return;
        sendto(fd, buffer, (size_t)n, 0, (struct sockaddr *)&from, length);
    }
}

int main(int argc, char **argv)
{
    struct rlimit limit;
    getrlimit(RLIMIT_NOFILE, &limit);
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);

    int listener = bound_socket(SOCK_STREAM, argc > 1 ? atoi(argv[1]) : 0);
    listen(listener, 4096);
    struct sockaddr_in addr;
    socklen_t length = sizeof addr;
    getsockname(listener, (struct sockaddr *)&addr, &length);
    int port = ntohs(addr.sin_port);
    int udp = bound_socket(SOCK_DGRAM, port);

    int epoll = epoll_create1(EPOLL_CLOEXEC);
    struct epoll_event event = {.events = EPOLLIN, .data.fd = listener};
    epoll_ctl(epoll, EPOLL_CTL_ADD, listener, &event);
    event.data.fd = udp;
    epoll_ctl(epoll, EPOLL_CTL_ADD, udp, &event);
    printf("listening %d\n", port);
    fflush(stdout);

    struct epoll_event ready[256];
    for (;;) {
        int count = epoll_wait(epoll, ready, 256, -1);
        for (int i = 0; i < count; ++i) {
            int fd = ready[i].data.fd;
            if (fd == listener) {
                int client, one = 1;
                while ((client = accept4(listener, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
                    setsockopt(client, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                    struct epoll_event e = {.events = EPOLLIN, .data.fd = client};
                    epoll_ctl(epoll, EPOLL_CTL_ADD, client, &e);
                }
            } else if (fd == udp) {
                echo_udp(fd);
            } else {
                echo_tcp(fd);
            }
        }
    }
}
