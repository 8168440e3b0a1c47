/* ini_read.c: plan-file reader on top of inih, adding line numbers, section headers and
 * continuation lines. inih as built by Debian has no line numbers in its callback and a
 * 200-byte line buffer, so our line reader counts lines, records section headers itself
 * and refuses over-long lines instead of letting inih split them silently. */
#include "plan/ini_read.h"

#include <ini.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/utf8.h"
#include "core/util.h"

/* inih's compiled-in INI_MAX_LINE: the buffer it hands to our reader. */
#define PC_INI_LINE_MAX 200

struct reader_state {
    FILE *file;
    struct pc_ini *ini;
    int line;              /* number of the line last handed to inih */
    int line_is_continued; /* that line starts with whitespace: it continues a value */
    int failed;            /* a message is in pc_error() */
    int last_line_for_key; /* line of the entry last added, for continuation joining */
};

static int fail(struct reader_state *st, int line, const char *fmt, const char *a, const char *b)
{
    char what[512];
    snprintf(what, sizeof what, fmt, a, b);
    pc_error(PC_ERR_USAGE, "%s:%d: %s", st->ini->path, line, what);
    st->failed = 1;
    return 0;
}

/* Starts a new section from a header line "[type name]" (already trimmed). */
static int add_section(struct reader_state *st, const char *header)
{
    struct pc_ini *ini = st->ini;
    const char *close = strchr(header, ']');
    if (close == NULL)
        return fail(st, st->line, "syntax error: '%s' has no closing ']'%s", header, "");
    if (pc_reserve((void **)&ini->sections, &ini->cap, ini->n + 1, sizeof *ini->sections) != 0)
        return fail(st, st->line, "out of memory%s%s", "", "");
    char *inner = pc_strfmt("%.*s", (int)(close - header - 1), header + 1);
    char *trimmed = inner ? pc_strtrim(inner) : NULL;
    free(inner);
    if (trimmed == NULL)
        return fail(st, st->line, "out of memory%s%s", "", "");

    struct pc_ini_section *s = &ini->sections[ini->n++];
    memset(s, 0, sizeof *s);
    s->line = st->line;
    char *space = trimmed;
    while (*space != '\0' && !isspace((unsigned char)*space))
        space++;
    if (*space == '\0') {
        s->type = trimmed;
    } else {
        *space = '\0';
        s->type = pc_strdup(trimmed);
        s->name = pc_strtrim(space + 1);
        free(trimmed);
        if (s->type == NULL || s->name == NULL)
            return fail(st, st->line, "out of memory%s%s", "", "");
    }
    return 1;
}

/* ini_reader: hands inih one line at a time, counting lines and noting section headers. */
static char *read_line(char *buf, int size, void *data)
{
    struct reader_state *st = data;
    if (st->failed || fgets(buf, size, st->file) == NULL)
        return NULL;
    st->line++;
    size_t len = strlen(buf);
    if (len == (size_t)size - 1 && buf[len - 1] != '\n' && !feof(st->file)) {
        fail(st, st->line, "line longer than %s bytes; continue a long value on an indented %s",
             "199", "next line");
        return NULL;
    }
    const char *p = buf;
    if (st->line == 1 && (unsigned char)p[0] == 0xEF && (unsigned char)p[1] == 0xBB &&
        (unsigned char)p[2] == 0xBF)
        p += 3; /* UTF-8 byte order mark */
    if (!pc_utf8_valid(p)) {
        fail(st, st->line,
             "this line is not UTF-8 text%s; save the plan as UTF-8 (from GBK: iconv -f GBK -t "
             "UTF-8 plan.ini%s)",
             "", " > plan-utf8.ini");
        return NULL;
    }
    st->line_is_continued = isspace((unsigned char)p[0]) && p[0] != '\n' && p[0] != '\r';
    const char *q = p;
    while (isspace((unsigned char)*q))
        q++;
    if (*q == '[' && !st->line_is_continued) {
        char *header = pc_strtrim(q);
        /* drop an inline comment after the header */
        char *semi = header ? strstr(header, " ;") : NULL;
        if (semi != NULL)
            *semi = '\0';
        if (header == NULL || !add_section(st, header)) {
            free(header);
            if (!st->failed)
                fail(st, st->line, "out of memory%s%s", "", "");
            return NULL;
        }
        free(header);
    }
    return buf;
}

/* Joins a continuation line onto the previous value: a space between two ASCII words,
 * nothing between Chinese text (which has no spaces). */
static char *join_value(const char *prev, const char *more)
{
    size_t n = strlen(prev);
    int ascii_gap = n > 0 && (unsigned char)prev[n - 1] < 0x80 && (unsigned char)more[0] < 0x80;
    return pc_strfmt("%s%s%s", prev, ascii_gap ? " " : "", more);
}

/* ini_handler: stores one key = value in the current section. */
static int on_entry(void *data, const char *section, const char *key, const char *value)
{
    struct reader_state *st = data;
    (void)section; /* we track sections ourselves, with their lines */
    if (st->failed)
        return 0;
    if (st->ini->n == 0)
        return fail(st, st->line, "key '%s' outside any [section]%s", key, "");
    struct pc_ini_section *s = &st->ini->sections[st->ini->n - 1];

    if (st->line_is_continued && s->n > 0 && st->last_line_for_key > 0) {
        struct pc_ini_entry *e = &s->entries[s->n - 1];
        char *joined = join_value(e->value, value);
        if (joined == NULL)
            return fail(st, st->line, "out of memory%s%s", "", "");
        free(e->value);
        e->value = joined;
        return 1;
    }
    if (pc_ini_find(s, key) != NULL) {
        char label[256];
        snprintf(label, sizeof label, "[%s%s%s]", s->type, s->name ? " " : "",
                 s->name ? s->name : "");
        return fail(st, st->line, "duplicate key '%s' in %s", key, label);
    }
    if (pc_reserve((void **)&s->entries, &s->cap, s->n + 1, sizeof *s->entries) != 0)
        return fail(st, st->line, "out of memory%s%s", "", "");
    struct pc_ini_entry *e = &s->entries[s->n];
    e->key = pc_strdup(key);
    e->value = pc_strdup(value);
    e->line = st->line;
    if (e->key == NULL || e->value == NULL) {
        free(e->key);
        free(e->value);
        return fail(st, st->line, "out of memory%s%s", "", "");
    }
    s->n++;
    st->last_line_for_key = st->line;
    return 1;
}

int pc_ini_read(const char *path, struct pc_ini *ini)
{
    memset(ini, 0, sizeof *ini);
    ini->path = pc_strdup(path);
    if (ini->path == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return pc_error(PC_ERR_USAGE, "cannot open plan file <%s>: %s", path, strerror(errno));

    struct reader_state st = {.file = f, .ini = ini};
    int rc = ini_parse_stream(read_line, &st, on_entry, &st);
    int read_error = ferror(f);
    fclose(f);
    if (st.failed)
        return PC_ERR_USAGE;
    if (read_error)
        return pc_error(PC_ERR_USAGE, "cannot read plan file <%s>", path);
    if (rc > 0)
        return pc_error(PC_ERR_USAGE, "%s:%d: syntax error: expected 'key = value' or '[section]'",
                        path, rc);
    if (rc != 0)
        return pc_error(PC_ERR_RUN, "cannot parse plan file <%s>", path);
    return PC_OK;
}

void pc_ini_free(struct pc_ini *ini)
{
    if (ini == NULL)
        return;
    for (size_t i = 0; i < ini->n; i++) {
        struct pc_ini_section *s = &ini->sections[i];
        for (size_t j = 0; j < s->n; j++) {
            free(s->entries[j].key);
            free(s->entries[j].value);
        }
        free(s->entries);
        free(s->type);
        free(s->name);
    }
    free(ini->sections);
    free(ini->path);
    memset(ini, 0, sizeof *ini);
}

const struct pc_ini_entry *pc_ini_find(const struct pc_ini_section *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->entries[i].key, key) == 0)
            return &s->entries[i];
    return NULL;
}
