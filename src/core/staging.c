/* staging.c: a hidden folder of outputs, renamed into place on success (see staging.h). */
#include "core/staging.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "core/util.h"

/* Calls fn(dir, file name, data) for every entry of dir but . and ..; stops at the first
 * nonzero return, which it returns. -1 if dir cannot be read. */
static int each_file(const char *dir, int (*fn)(const char *, const char *, void *), void *data)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return -1;
    struct dirent *e;
    int rc = 0;
    while (rc == 0 && (e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
            rc = fn(dir, e->d_name, data);
    closedir(d);
    return rc;
}

static int remove_one(const char *dir, const char *file, void *data)
{
    (void)data;
    char *p = pc_strfmt("%s/%s", dir, file);
    if (p != NULL)
        unlink(p);
    free(p);
    return 0;
}

int pc_staging_open(struct pc_staging *s, const char *out_dir, const char *name)
{
    memset(s, 0, sizeof *s);
    s->out_dir = pc_strdup(out_dir);
    s->dir = pc_strfmt("%s/.plancheck-%s-%ld", out_dir, name, (long)getpid());
    if (s->out_dir == NULL || s->dir == NULL) {
        pc_staging_close(s);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    if (pc_mkdirs(out_dir) != 0) {
        int err = errno;
        pc_staging_close(s);
        return pc_error(PC_ERR_USAGE, "cannot create output directory <%s>: %s", out_dir,
                        strerror(err));
    }
    each_file(s->dir, remove_one, NULL); /* a stale folder of a killed run with our pid */
    if (mkdir(s->dir, 0777) != 0 && errno != EEXIST) {
        int err = errno;
        int rc = pc_error(PC_ERR_USAGE, "cannot create <%s>: %s", s->dir, strerror(err));
        free(s->dir);
        s->dir = NULL;
        pc_staging_close(s);
        return rc;
    }
    return PC_OK;
}

/* What the commit's passes share. */
struct commit {
    const char *out_dir;
    int overwrite;
};

int pc_output_refuse_existing(const char *dir, const char *file, int overwrite)
{
    if (overwrite)
        return PC_OK;
    char *target = pc_strfmt("%s/%s", dir, file);
    struct stat st;
    int rc = PC_OK;
    if (target == NULL)
        rc = pc_error(PC_ERR_RUN, "out of memory");
    else if (stat(target, &st) == 0)
        rc = pc_error(PC_ERR_USAGE, "output <%s> exists: use --overwrite to replace it", target);
    free(target);
    return rc;
}

static int refuse_existing(const char *dir, const char *file, void *data)
{
    (void)dir;
    const struct commit *c = data;
    return pc_output_refuse_existing(c->out_dir, file, c->overwrite);
}

static int move_one(const char *dir, const char *file, void *data)
{
    const struct commit *c = data;
    char *from = pc_strfmt("%s/%s", dir, file), *to = pc_strfmt("%s/%s", c->out_dir, file);
    int rc = 0;
    if (from == NULL || to == NULL)
        rc = pc_error(PC_ERR_RUN, "out of memory");
    else if (rename(from, to) != 0)
        rc = pc_error(PC_ERR_RUN, "cannot move <%s> to <%s>: %s", from, to, strerror(errno));
    free(from);
    free(to);
    return rc;
}

int pc_staging_commit(struct pc_staging *s, int overwrite)
{
    struct commit c = {s->out_dir, overwrite};
    int rc = each_file(s->dir, refuse_existing, &c);
    if (rc == 0)
        rc = each_file(s->dir, move_one, &c);
    if (rc < 0)
        return pc_error(PC_ERR_RUN, "cannot read <%s>: %s", s->dir, strerror(errno));
    if (rc != 0)
        return rc;
    rmdir(s->dir);
    free(s->dir);
    s->dir = NULL;
    return PC_OK;
}

void pc_staging_close(struct pc_staging *s)
{
    if (s->dir != NULL) {
        each_file(s->dir, remove_one, NULL);
        rmdir(s->dir);
    }
    free(s->dir);
    free(s->out_dir);
    s->dir = s->out_dir = NULL;
}
