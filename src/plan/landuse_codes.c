/* landuse_codes.c: reading the land-use code mapping CSV and looking codes up in it. */
#include "plan/landuse_codes.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/error.h"
#include "core/utf8.h"
#include "core/util.h"

#ifndef PLANCHECK_DATA_DIR
#define PLANCHECK_DATA_DIR "data"
#endif

static const char *const vocab_words[PC_VOCAB_COUNT][2] = {
    {"ydyh", "用地用海"}, {"sandiao", "三调"}, {"gb50137", "GB50137"}};

const char *pc_codes_default_path(void)
{
    static char path[4096];
    const char *env = getenv("PLANCHECK_DATA");
    snprintf(path, sizeof path, "%s/landuse_codes.csv",
             env != NULL && env[0] != '\0' ? env : PLANCHECK_DATA_DIR);
    return path;
}

int pc_vocabulary_parse(const char *word, enum pc_vocabulary *out)
{
    for (int v = 0; v < PC_VOCAB_COUNT; v++)
        if (strcasecmp(word, vocab_words[v][0]) == 0 || strcasecmp(word, vocab_words[v][1]) == 0) {
            *out = (enum pc_vocabulary)v;
            return 0;
        }
    return -1;
}

const char *pc_vocabulary_name(enum pc_vocabulary v)
{
    return (unsigned)v < PC_VOCAB_COUNT ? vocab_words[v][0] : "";
}

int pc_ydyh_level(const char *ydyh)
{
    size_t n = strlen(ydyh);
    return n == 2 || n == 4 || n == 6 ? (int)(n / 2) : 0;
}

static int row_cmp(const void *a, const void *b)
{
    const struct pc_code_row *x = a, *y = b;
    if (x->vocab != y->vocab)
        return x->vocab < y->vocab ? -1 : 1;
    return strcasecmp(x->code, y->code);
}

/* The row of (vocab, code) in the sorted table, or NULL. */
static const struct pc_code_row *find_row(const struct pc_codes *c, enum pc_vocabulary vocab,
                                          const char *code)
{
    struct pc_code_row key = {.vocab = vocab, .code = (char *)code};
    return c->rows ? bsearch(&key, c->rows, c->n, sizeof key, row_cmp) : NULL;
}

/* Splits `line` in place at commas into at most `max` trimmed fields; returns their count. */
static size_t split_fields(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max + 1) {
        char *comma = strchr(p, ',');
        if (comma)
            *comma = '\0';
        while (isspace((unsigned char)*p))
            p++;
        char *end = p + strlen(p);
        while (end > p && isspace((unsigned char)end[-1]))
            *--end = '\0';
        if (n < max)
            fields[n] = p;
        n++;
        if (!comma)
            break;
        p = comma + 1;
    }
    return n;
}

/* Reports a malformed row at `line` of the file; returns PC_ERR_USAGE. */
static int row_error(const char *path, int line, const char *what, const char *detail)
{
    return pc_error(PC_ERR_USAGE, "%s:%d: %s%s", path, line, what, detail ? detail : "");
}

/* Parses one data row into c->rows[c->n] (strings copied); `ydyh` is resolved once the
 * whole file is read. */
static int parse_row(struct pc_codes *c, char *line, int lineno)
{
    char *f[4];
    size_t n = split_fields(line, f, 4);
    if (n != 4)
        return row_error(c->path, lineno,
                         "expected 4 fields 'vocabulary,code,name,ydyh' (names take 、 "
                         "rather than commas)",
                         NULL);
    struct pc_code_row *r = &c->rows[c->n];
    memset(r, 0, sizeof *r);
    r->line = lineno;
    if (pc_vocabulary_parse(f[0], &r->vocab) != 0)
        return row_error(c->path, lineno,
                         "unknown vocabulary: expected ydyh, sandiao or gb50137, got ", f[0]);
    if (f[1][0] == '\0' || f[3][0] == '\0')
        return row_error(c->path, lineno, "empty code or ydyh field", NULL);
    if (r->vocab == PC_VOCAB_YDYH && (strcmp(f[1], f[3]) != 0 || pc_ydyh_level(f[1]) == 0))
        return row_error(c->path, lineno,
                         "a ydyh row maps a code of 2, 4 or 6 digits onto itself, got ", f[1]);
    c->n++; /* counted before copying, so that pc_codes_free releases partial rows */
    r->code = pc_strdup(f[1]);
    r->name = pc_strdup(f[2]);
    r->target = pc_strdup(f[3]);
    if (r->code == NULL || r->name == NULL || r->target == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    return PC_OK;
}

/* After sorting: rejects duplicate codes, resolves every row's `ydyh` to the 用地用海 row it
 * names, and checks that every 用地用海 class below level 1 has its parent. */
static int resolve_targets(struct pc_codes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        struct pc_code_row *r = &c->rows[i];
        if (i > 0 && row_cmp(&c->rows[i - 1], r) == 0)
            return row_error(c->path, r->line, "code listed twice for its vocabulary: ", r->code);
        const struct pc_code_row *t = find_row(c, PC_VOCAB_YDYH, r->target);
        if (t == NULL)
            return row_error(c->path, r->line,
                             "maps onto a 用地用海 class the file does not define: ", r->target);
        r->ydyh = t->code;
        if (r->vocab == PC_VOCAB_YDYH && pc_ydyh_level(t->code) > 1) {
            char parent[8];
            snprintf(parent, sizeof parent, "%.*s", (int)strlen(t->code) - 2, t->code);
            if (find_row(c, PC_VOCAB_YDYH, parent) == NULL)
                return row_error(c->path, r->line,
                                 "用地用海 class without its parent class: ", t->code);
        }
    }
    return PC_OK;
}

/* Reads the lines of fp into c->rows: comments and blank lines skipped, the header checked. */
static int read_rows(struct pc_codes *c, FILE *fp)
{
    char line[1024];
    int lineno = 0, header = 0, rc = PC_OK;
    size_t cap = 0;
    while (rc == PC_OK && fgets(line, sizeof line, fp) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        char *p = line;
        if (lineno == 1 && strncmp(p, "\xEF\xBB\xBF", 3) == 0)
            p += 3; /* a BOM from a spreadsheet */
        while (isspace((unsigned char)*p))
            p++;
        if (*p == '\0' || *p == '#')
            continue;
        if (!pc_utf8_valid(p))
            return row_error(c->path, lineno, "not UTF-8 text: save the table as UTF-8", NULL);
        if (!header) {
            char *f[4];
            if (split_fields(p, f, 4) != 4 || strcmp(f[0], "vocabulary") || strcmp(f[1], "code") ||
                strcmp(f[2], "name") || strcmp(f[3], "ydyh"))
                return row_error(c->path, lineno, "expected the header 'vocabulary,code,name,ydyh'",
                                 NULL);
            header = 1;
        } else if (pc_reserve((void **)&c->rows, &cap, c->n + 1, sizeof *c->rows) != 0) {
            rc = pc_error(PC_ERR_RUN, "out of memory");
        } else {
            rc = parse_row(c, p, lineno);
        }
    }
    if (rc == PC_OK && ferror(fp))
        return pc_error(PC_ERR_RUN, "cannot read the land-use code table %s", c->path);
    if (rc == PC_OK && !header)
        return row_error(c->path, lineno, "no header 'vocabulary,code,name,ydyh'", NULL);
    return rc;
}

int pc_codes_load(const char *path, struct pc_codes *out)
{
    memset(out, 0, sizeof *out);
    if ((out->path = pc_strdup(path)) == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return pc_error(PC_ERR_USAGE, "cannot read the land-use code table %s: %s", path,
                        strerror(errno));
    int rc = read_rows(out, fp);
    fclose(fp);
    if (rc != PC_OK)
        return rc;
    if (out->n > 0)
        qsort(out->rows, out->n, sizeof *out->rows, row_cmp);
    return resolve_targets(out);
}

void pc_codes_free(struct pc_codes *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->n; i++) {
        free(c->rows[i].code);
        free(c->rows[i].name);
        free(c->rows[i].target);
    }
    free(c->rows);
    free(c->path);
    memset(c, 0, sizeof *c);
}

const char *pc_codes_map(const struct pc_codes *c, const enum pc_vocabulary *vocabs,
                         size_t n_vocabs, const char *code)
{
    char trimmed[64];
    while (isspace((unsigned char)*code))
        code++;
    size_t len = strlen(code);
    while (len > 0 && isspace((unsigned char)code[len - 1]))
        len--;
    if (len == 0 || len >= sizeof trimmed)
        return NULL;
    memcpy(trimmed, code, len);
    trimmed[len] = '\0';
    for (size_t i = 0; i < n_vocabs; i++) {
        const struct pc_code_row *r = find_row(c, vocabs[i], trimmed);
        if (r != NULL)
            return r->ydyh;
    }
    return NULL;
}

const char *pc_codes_name(const struct pc_codes *c, const char *ydyh)
{
    const struct pc_code_row *r = find_row(c, PC_VOCAB_YDYH, ydyh);
    return r ? r->name : NULL;
}
