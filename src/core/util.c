/* util.c: small string, path and array helpers shared by every subsystem. */
#include "core/util.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

char *pc_strdup(const char *s)
{
    if (s == NULL)
        return NULL;
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

char *pc_strfmt(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s == NULL)
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

char *pc_strtrim(const char *s)
{
    while (*s != '\0' && isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        n--;
    char *copy = malloc(n + 1);
    if (copy == NULL)
        return NULL;
    memcpy(copy, s, n);
    copy[n] = '\0';
    return copy;
}

int pc_strcaseeq(const char *a, const char *b)
{
    for (; *a != '\0' && *b != '\0'; a++, b++) {
        if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
            return 0;
    }
    return *a == *b;
}

char *pc_path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (slash == NULL)
        return pc_strdup(".");
    if (slash == path)
        return pc_strdup("/");
    return pc_strfmt("%.*s", (int)(slash - path), path);
}

char *pc_path_join(const char *dir, const char *rel)
{
    if (rel[0] == '/' || dir == NULL || strcmp(dir, ".") == 0)
        return pc_strdup(rel);
    return pc_strfmt("%s/%s", dir, rel);
}

int pc_source_is_connection(const char *source)
{
    if (strncmp(source, "/vsi", 4) == 0)
        return 1;
    /* "PG:dbname=x", "GPKG:file.gpkg:layer", "WFS:http://...": a driver prefix of at least
     * two characters (one would be a drive letter) ending in ':' before any slash. */
    size_t i = 0;
    while (isalnum((unsigned char)source[i]) || source[i] == '_')
        i++;
    return i >= 2 && source[i] == ':';
}

int pc_mkdirs(const char *path)
{
    char *copy = pc_strdup(path);
    if (copy == NULL) {
        errno = ENOMEM;
        return -1;
    }
    int rc = 0;
    for (char *p = copy + 1; rc == 0; p++) {
        int end = *p == '\0';
        if (*p != '/' && !end)
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST)
            rc = -1;
        if (end)
            break;
        *p = '/';
    }
    struct stat st;
    if (rc == 0 && (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))) {
        errno = ENOTDIR;
        rc = -1;
    }
    free(copy);
    return rc;
}

int pc_reserve(void **arr, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t n = *cap < 8 ? 8 : *cap;
    while (n < need)
        n *= 2;
    void *grown = realloc(*arr, n * size);
    if (grown == NULL)
        return -1;
    *arr = grown;
    *cap = n;
    return 0;
}

int pc_parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end != '\0' || errno == ERANGE || !isfinite(v))
        return -1;
    *out = v;
    return 0;
}

int pc_parse_int(const char *s, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end != '\0' || errno == ERANGE || v < INT_MIN || v > INT_MAX)
        return -1;
    *out = (int)v;
    return 0;
}

double pc_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}
