/* export.c: `plancheck export DIR`: result database -> styles and QGIS project. */
#include "core/export.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/staging.h"
#include "core/util.h"
#include "io/gdal_env.h"
#include "io/map_db.h"
#include "map/map_export.h"
#include "map/style.h"

/* Sets *out to the file name of the one result database in dir (or of <name>.sqlite). */
static int find_database(const struct pc_export_options *o, char **out)
{
    *out = NULL;
    struct stat st;
    if (stat(o->dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return pc_error(PC_ERR_USAGE, "<%s> is not a directory", o->dir);
    if (o->name != NULL) {
        *out = pc_strfmt("%s.sqlite", o->name);
        return *out ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    }
    DIR *d = opendir(o->dir);
    if (d == NULL)
        return pc_error(PC_ERR_USAGE, "cannot read directory <%s>: %s", o->dir, strerror(errno));
    struct dirent *e;
    int found = 0, rc = PC_OK;
    while (rc == PC_OK && (e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (e->d_name[0] == '.' || n < 8 || strcmp(e->d_name + n - 7, ".sqlite") != 0)
            continue;
        if (found++ == 0) {
            if ((*out = pc_strdup(e->d_name)) == NULL)
                rc = pc_error(PC_ERR_RUN, "out of memory");
        } else {
            rc = pc_error(PC_ERR_USAGE,
                          "<%s> holds several databases (%s, %s...): choose one with --name",
                          o->dir, *out, e->d_name);
        }
    }
    closedir(d);
    if (rc == PC_OK && !found)
        rc = pc_error(PC_ERR_USAGE,
                      "no result database (*.sqlite) in <%s>: run 'plancheck run' "
                      "first",
                      o->dir);
    if (rc != PC_OK) {
        free(*out);
        *out = NULL;
    }
    return rc;
}

/* What the existence checks share. */
struct check {
    const char *dir;
    int overwrite;
    int rc; /* the first refusal */
};

static void refuse_existing(const char *file, void *data)
{
    struct check *c = data;
    if (c->rc == PC_OK)
        c->rc = pc_output_refuse_existing(c->dir, file, c->overwrite);
}

/* Every GeoTIFF the map lists must be in dir. */
static int check_rasters(const char *dir, const struct pc_map *map)
{
    for (size_t i = 0; i < map->n_layers; i++) {
        char path[PATH_MAX];
        struct stat st;
        if (!map->layers[i].is_raster)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, map->layers[i].name);
        if (stat(path, &st) != 0)
            return pc_error(PC_ERR_USAGE, "raster <%s> of the result is missing: %s", path,
                            strerror(errno));
    }
    return PC_OK;
}

int pc_export(const struct pc_export_options *o)
{
    struct pc_map map = {0};
    struct pc_run_info info = {0};
    struct pc_styles styles = {0};
    char *db_file = NULL, *db_path = NULL;
    int rc;
    pc_gdal_init();
    if ((rc = find_database(o, &db_file)))
        goto done;
    if ((db_path = pc_strfmt("%s/%s", o->dir, db_file)) == NULL) {
        rc = pc_error(PC_ERR_RUN, "out of memory");
        goto done;
    }
    struct stat st;
    if (stat(db_path, &st) != 0) {
        rc = pc_error(PC_ERR_USAGE, "cannot open result <%s>: %s", db_path, strerror(errno));
        goto done;
    }
    if ((rc = pc_map_db_read(db_path, &map, &info)) || (rc = check_rasters(o->dir, &map)))
        goto done;
    struct check c = {o->dir, o->overwrite, PC_OK};
    pc_map_export_names(&map, info.plan_name, refuse_existing, &c);
    if ((rc = c.rc) || (rc = pc_styles_load(pc_styles_dir(o->styles_dir), &styles)))
        goto done;
    struct pc_map_export e = {
        .dir = o->dir,
        .db_file = db_file,
        .name = info.plan_name,
        .title = info.plan_title,
        .styles = &styles,
        .map = &map,
    };
    if ((rc = pc_map_export(&e)))
        goto done;
    if (o->notice != NULL) {
        char line[PATH_MAX + 128];
        snprintf(line, sizeof line, "styled %zu layers of <%s> from <%s>; open <%s/%s.qgs> in QGIS",
                 map.n_layers, db_path, styles.dir, o->dir, info.plan_name);
        o->notice(0, line, o->notice_data);
    }
done:
    pc_styles_free(&styles);
    pc_run_info_free(&info);
    pc_map_free(&map);
    free(db_path);
    free(db_file);
    return rc;
}
