/* table_spool.c: a table's rows in an unlinked scratch file. Each row is its geometry as WKB
 * (a length, 0 for none) and then every cell: a set byte and, when set, an int64, a double
 * or a length and that many bytes of text, in the machine's byte order (the file never
 * leaves the run). */
#include "core/table_spool.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/util.h"

struct spool {
    FILE *file;
    char *path;     /* for messages only: the name is unlinked at once */
    size_t written; /* rows in the file */
    size_t read;    /* rows read back so far */
};

/* A PC_ERR_RUN naming the table and the scratch file, with errno's reason. */
static int spool_fail(const struct pc_table *t, const struct spool *s, const char *what)
{
    return pc_error(PC_ERR_RUN, "cannot %s the scratch file %s of table <%s>: %s", what,
                    s->path ? s->path : "(none)", t->name, errno ? strerror(errno) : "short count");
}

static void spool_release(void *data, struct pc_geos *g)
{
    struct spool *s = data;
    (void)g;
    if (s == NULL)
        return;
    if (s->file != NULL)
        fclose(s->file);
    free(s->path);
    free(s);
}

/* Reads one row of t's columns from s into a new row of t. Returns PC_OK or PC_ERR_RUN. */
static int read_row(struct pc_table *t, struct pc_geos *g, struct spool *s, GEOSWKBReader *reader,
                    unsigned char **buf, size_t *cap)
{
    uint64_t len;
    GEOSGeometry *geom = NULL;
    errno = 0;
    if (fread(&len, sizeof len, 1, s->file) != 1)
        return spool_fail(t, s, "read");
    if (len > 0) {
        if (pc_reserve((void **)buf, cap, (size_t)len, 1) != 0)
            return pc_error(PC_ERR_RUN, "out of memory");
        if (fread(*buf, 1, (size_t)len, s->file) != (size_t)len)
            return spool_fail(t, s, "read");
        if ((geom = GEOSWKBReader_read_r(g->h, reader, *buf, (size_t)len)) == NULL)
            return pc_geos_fail(g, "reading back a spilled row");
    }
    long row = pc_table_add_row(t, g, geom);
    if (row < 0)
        return PC_ERR_RUN;
    for (size_t c = 0; c < t->ncols; c++) {
        struct pc_column *col = &t->cols[c];
        unsigned char set;
        if (fread(&set, 1, 1, s->file) != 1)
            return spool_fail(t, s, "read");
        if (!set)
            continue;
        int ok = 1;
        if (col->type == PC_COL_INT) {
            ok = fread(&col->cells[row].i, sizeof col->cells[row].i, 1, s->file) == 1;
        } else if (col->type == PC_COL_REAL) {
            ok = fread(&col->cells[row].r, sizeof col->cells[row].r, 1, s->file) == 1;
        } else {
            uint64_t n;
            if (fread(&n, sizeof n, 1, s->file) != 1)
                return spool_fail(t, s, "read");
            char *text = malloc((size_t)n + 1);
            if (text == NULL)
                return pc_error(PC_ERR_RUN, "out of memory");
            if (fread(text, 1, (size_t)n, s->file) != (size_t)n) {
                free(text);
                return spool_fail(t, s, "read");
            }
            text[n] = '\0';
            col->cells[row].s = text;
        }
        if (!ok)
            return spool_fail(t, s, "read");
        col->set[row] = 1;
    }
    return PC_OK;
}

/* The stream's fill: the next PC_SPOOL_BATCH spilled rows, in the order spilled. */
static int spool_fill(struct pc_table *t, struct pc_geos *g, void *data)
{
    struct spool *s = data;
    if (s->read == s->written)
        return PC_OK;
    if (s->read == 0) {
        errno = 0;
        if (fflush(s->file) != 0) /* the last rows reach the disk (or do not fit) here */
            return spool_fail(t, s, "write");
        if (fseek(s->file, 0, SEEK_SET) != 0)
            return spool_fail(t, s, "rewind");
    }
    GEOSWKBReader *reader = GEOSWKBReader_create_r(g->h);
    if (reader == NULL)
        return pc_geos_fail(g, "creating a WKB reader");
    unsigned char *buf = NULL;
    size_t cap = 0;
    int rc = PC_OK;
    for (size_t k = 0; k < PC_SPOOL_BATCH && s->read < s->written && rc == PC_OK; k++, s->read++)
        rc = read_row(t, g, s, reader, &buf, &cap);
    free(buf);
    GEOSWKBReader_destroy_r(g->h, reader);
    return rc;
}

/* Writes n bytes at p to s's file; 0 on success. */
static int put(struct spool *s, const void *p, size_t n)
{
    return n == 0 || fwrite(p, 1, n, s->file) == n ? 0 : -1;
}

/* Writes row r of t to s. */
static int write_row(const struct pc_table *t, struct pc_geos *g, struct spool *s,
                     GEOSWKBWriter *writer, size_t r)
{
    uint64_t len = 0;
    unsigned char *wkb = NULL;
    if (t->has_geometry && t->geoms[r] != NULL) {
        size_t size;
        if ((wkb = GEOSWKBWriter_write_r(g->h, writer, t->geoms[r], &size)) == NULL)
            return pc_geos_fail(g, "writing a row to spill");
        len = size;
    }
    errno = 0;
    int bad = put(s, &len, sizeof len) || put(s, wkb, (size_t)len);
    GEOSFree_r(g->h, wkb);
    for (size_t c = 0; c < t->ncols && !bad; c++) {
        const struct pc_column *col = &t->cols[c];
        unsigned char set = col->set[r];
        bad = put(s, &set, 1);
        if (bad || !set)
            continue;
        if (col->type == PC_COL_INT) {
            bad = put(s, &col->cells[r].i, sizeof col->cells[r].i);
        } else if (col->type == PC_COL_REAL) {
            bad = put(s, &col->cells[r].r, sizeof col->cells[r].r);
        } else {
            uint64_t n = strlen(col->cells[r].s);
            bad = put(s, &n, sizeof n) || put(s, col->cells[r].s, (size_t)n);
        }
    }
    return bad ? spool_fail(t, s, "write") : PC_OK;
}

/* Makes t's scratch file and its stream. */
static int spool_start(struct pc_table *t, struct pc_geos *g)
{
    const char *dir = getenv("TMPDIR");
    struct spool *s = calloc(1, sizeof *s);
    if (s == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    if ((s->path = pc_strfmt("%s/plancheck-spool-XXXXXX", dir && *dir ? dir : "/tmp")) == NULL) {
        free(s);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    errno = 0;
    int fd = mkstemp(s->path);
    if (fd >= 0)
        unlink(s->path); /* the open file lives on; its name cannot be left behind */
    if (fd < 0 || (s->file = fdopen(fd, "w+b")) == NULL) {
        int rc = spool_fail(t, s, "create");
        if (fd >= 0)
            close(fd);
        spool_release(s, g);
        return rc;
    }
    struct pc_table_stream stream = {spool_fill, spool_release, s, 0};
    return pc_table_set_stream(t, &stream, g) == 0 ? PC_OK : PC_ERR_RUN;
}

int pc_table_spill(struct pc_table *t, struct pc_geos *g)
{
    int rc;
    if (t->stream == NULL && (rc = spool_start(t, g)) != PC_OK)
        return rc;
    if (t->stream->fill != spool_fill)
        return pc_error(PC_ERR_RUN, "table <%s> is streamed and cannot spill", t->name);
    struct spool *s = t->stream->data;
    GEOSWKBWriter *writer = GEOSWKBWriter_create_r(g->h);
    if (writer == NULL)
        return pc_geos_fail(g, "creating a WKB writer");
    rc = PC_OK;
    for (size_t r = 0; r < t->nrows && rc == PC_OK; r++)
        rc = write_row(t, g, s, writer, r);
    GEOSWKBWriter_destroy_r(g->h, writer);
    if (rc != PC_OK)
        return rc;
    s->written += t->nrows;
    t->stream->rows_expected = s->written;
    pc_table_clear_rows(t, g);
    return PC_OK;
}
