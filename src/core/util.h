/* util.h: small string, path and array helpers shared by every subsystem. */
#ifndef PC_UTIL_H
#define PC_UTIL_H

#include <stddef.h>

/* Copy of s (NULL gives NULL); caller frees. NULL also on out of memory. */
char *pc_strdup(const char *s);

/* printf into a new string; caller frees. NULL on out of memory. */
char *pc_strfmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copy of s without leading and trailing ASCII whitespace; caller frees. NULL on out of memory. */
char *pc_strtrim(const char *s);

/* Case-insensitive ASCII comparison; 0 when equal. */
int pc_strcaseeq(const char *a, const char *b);

/* Directory part of path ("." if none); caller frees. NULL on out of memory. */
char *pc_path_dirname(const char *path);

/* `rel` resolved against directory `dir` unless absolute; caller frees. NULL on out of memory. */
char *pc_path_join(const char *dir, const char *rel);

/* Nonzero if `source` is a GDAL connection string or virtual path ("PG:...", "/vsizip/...")
 * rather than a plain file name, so it must not be resolved against the plan's directory. */
int pc_source_is_connection(const char *source);

/* Creates directory `path` and its parents (mode 0777 before umask). Returns 0 on success,
 * -1 with errno set. An existing directory is success. */
int pc_mkdirs(const char *path);

/* Ensures *arr (elements of `size` bytes, capacity *cap) can hold `need` elements, growing
 * geometrically. Returns 0, or -1 on out of memory with *arr unchanged. */
int pc_reserve(void **arr, size_t *cap, size_t need, size_t size);

/* A monotonic clock in seconds, for the timings reported to the user. */
double pc_seconds(void);

/* Parses a whole string as a finite double. Returns 0 and sets *out, or -1. */
int pc_parse_double(const char *s, double *out);

/* Parses a whole string as a base-10 int. Returns 0 and sets *out, or -1. */
int pc_parse_int(const char *s, int *out);

#endif
