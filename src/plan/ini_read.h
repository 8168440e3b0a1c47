/* ini_read.h: reads a plan file into sections of key = value entries with line numbers. */
#ifndef PC_INI_READ_H
#define PC_INI_READ_H

#include <stddef.h>

/* One `key = value` line (values continued on indented lines are joined). */
struct pc_ini_entry {
    char *key;
    char *value;
    int line;
};

/* One `[type name]` section; `name` is NULL when the header has only a type. */
struct pc_ini_section {
    char *type;
    char *name;
    int line;
    size_t n, cap;
    struct pc_ini_entry *entries;
};

struct pc_ini {
    char *path; /* the file as given */
    size_t n, cap;
    struct pc_ini_section *sections;
};

/* Reads `path` into *ini (zeroed first). Returns PC_OK, or PC_ERR_USAGE with a message
 * "PATH:LINE: what is wrong" for an unreadable file, a syntax error, a key outside any
 * section, a duplicate key or a line over inih's length limit. On error *ini holds what was
 * read so far; always release it with pc_ini_free(). */
int pc_ini_read(const char *path, struct pc_ini *ini);

/* Releases everything *ini owns and zeroes it; NULL is fine. */
void pc_ini_free(struct pc_ini *ini);

/* The entry `key` of section s, or NULL. Borrowed from s. */
const struct pc_ini_entry *pc_ini_find(const struct pc_ini_section *s, const char *key);

#endif
