/* enospc.c: an LD_PRELOAD shim that makes the disk "fill up" for one folder, for the corpus's
 * disk-full case (tests/e2e/test_corpus.py): once more than PC_ENOSPC_AFTER bytes have been
 * written to files whose path contains PC_ENOSPC_PATH, every further write(), pwrite() and
 * pwrite64() to such a file fails with ENOSPC, as on a full disk. Other files are untouched.
 * Not part of plancheck. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

static size_t written;

/* Nonzero when fd is a file under the watched path and the budget is spent (n more bytes). */
static int full(int fd, size_t n)
{
    const char *watch = getenv("PC_ENOSPC_PATH");
    const char *after = getenv("PC_ENOSPC_AFTER");
    if (watch == NULL || after == NULL)
        return 0;
    char link[64], path[4096];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t len = readlink(link, path, sizeof path - 1);
    if (len < 0)
        return 0;
    path[len] = '\0';
    if (strstr(path, watch) == NULL)
        return 0;
    if (written + n > (size_t)strtoull(after, NULL, 10))
        return 1;
    written += n;
    return 0;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    static ssize_t (*real)(int, const void *, size_t);
    if (real == NULL)
        real = (ssize_t(*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
    if (full(fd, n)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset)
{
    static ssize_t (*real)(int, const void *, size_t, off_t);
    if (real == NULL)
        real = (ssize_t(*)(int, const void *, size_t, off_t))dlsym(RTLD_NEXT, "pwrite");
    if (full(fd, n)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, buf, n, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t offset)
{
    static ssize_t (*real)(int, const void *, size_t, off64_t);
    if (real == NULL)
        real = (ssize_t(*)(int, const void *, size_t, off64_t))dlsym(RTLD_NEXT, "pwrite64");
    if (full(fd, n)) {
        errno = ENOSPC;
        return -1;
    }
    return real(fd, buf, n, offset);
}
