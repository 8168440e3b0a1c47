/* map_export.c: QML for every layer, then layer_styles, sidecars and the project. */
#include "map/map_export.h"

#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <cpl_conv.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "core/util.h"
#include "io/gdal_env.h"
#include "io/map_db.h"
#include "io/out_qgs.h"

void pc_map_export_names(const struct pc_map *map, const char *name,
                         void (*fn)(const char *file, void *data), void *data)
{
    char file[512];
    for (size_t i = 0; i < map->n_layers; i++)
        if (map->layers[i].is_raster) {
            pc_map_sidecar_name(map->layers[i].name, file, sizeof file);
            fn(file, data);
        }
    snprintf(file, sizeof file, "%s.qgs", name);
    fn(file, data);
}

/* Writes text to DIR/FILE through DIR/.FILE.tmp-PID and a rename; a signal before the rename
 * leaves DIR/FILE as it was and no temporary file. */
static int write_file(const char *dir, const char *file, const char *text)
{
    char *path = pc_strfmt("%s/%s", dir, file);
    char *tmp = pc_strfmt("%s/.%s.tmp-%ld", dir, file, (long)getpid());
    int rc = (path && tmp) ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    FILE *f = rc == PC_OK ? fopen(tmp, "wb") : NULL;
    if (rc == PC_OK && f == NULL)
        rc = pc_error(PC_ERR_RUN, "cannot write <%s>: %s", tmp, strerror(errno));
    if (f != NULL) {
        size_t n = strlen(text);
        int bad = fwrite(text, 1, n, f) != n;
        bad |= fclose(f) != 0;
        if (bad)
            rc = pc_error(PC_ERR_RUN, "cannot write <%s>: %s", tmp, strerror(errno));
    }
    if (rc == PC_OK)
        rc = pc_interrupt_check();
    if (rc == PC_OK && rename(tmp, path) != 0)
        rc = pc_error(PC_ERR_RUN, "cannot rename <%s> to <%s>: %s", tmp, path, strerror(errno));
    if (rc != PC_OK && tmp != NULL)
        unlink(tmp);
    free(path);
    free(tmp);
    return rc;
}

/* CRS (WKT, authority id) and extent of the map's framing layer: the scope, else the zones,
 * else the first vector layer, read from the database through OGR. */
struct frame {
    char *wkt;
    char auth[64];
    double extent[4];
};

static int read_frame(const struct pc_map_export *e, struct frame *fr)
{
    static const enum pc_style prefer[] = {PC_STYLE_SCOPE, PC_STYLE_ZONES, PC_STYLE_BOUNDARY};
    const struct pc_map_layer *pick = NULL;
    for (size_t k = 0; k < sizeof prefer / sizeof prefer[0] && pick == NULL; k++)
        for (size_t i = 0; i < e->map->n_layers && pick == NULL; i++)
            if (e->map->layers[i].style == prefer[k])
                pick = &e->map->layers[i];
    for (size_t i = 0; i < e->map->n_layers && pick == NULL; i++)
        if (!e->map->layers[i].is_raster)
            pick = &e->map->layers[i];
    if (pick == NULL)
        return pc_error(PC_ERR_USAGE, "the result in <%s> has no vector layer to frame a map",
                        e->dir);
    char *path = pc_strfmt("%s/%s", e->dir, e->db_file);
    if (path == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    GDALDatasetH ds = GDALOpenEx(path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL, NULL, NULL);
    OGRLayerH lyr = ds ? GDALDatasetGetLayerByName(ds, pick->name) : NULL;
    OGRSpatialReferenceH srs = lyr ? OGR_L_GetSpatialRef(lyr) : NULL;
    OGREnvelope env;
    int rc = PC_OK;
    if (srs == NULL || OGR_L_GetExtent(lyr, &env, TRUE) != OGRERR_NONE) {
        rc = pc_error(PC_ERR_RUN, "cannot read layer <%s> of <%s>: %s", pick->name, path,
                      pc_gdal_error("no such layer or no CRS"));
    } else {
        const char *options[] = {"FORMAT=WKT2_2019", NULL};
        if (OSRExportToWktEx(srs, &fr->wkt, options) != OGRERR_NONE)
            rc = pc_error(PC_ERR_RUN, "cannot write the CRS of <%s> as WKT", path);
        const char *name = OSRGetAuthorityName(srs, NULL), *code = OSRGetAuthorityCode(srs, NULL);
        if (name && code)
            snprintf(fr->auth, sizeof fr->auth, "%s:%s", name, code);
        /* a margin of 3% around the frame */
        double mx = (env.MaxX - env.MinX) * 0.03, my = (env.MaxY - env.MinY) * 0.03;
        fr->extent[0] = env.MinX - mx, fr->extent[1] = env.MinY - my;
        fr->extent[2] = env.MaxX + mx, fr->extent[3] = env.MaxY + my;
    }
    if (ds != NULL)
        GDALClose(ds);
    free(path);
    return rc;
}

int pc_map_export(const struct pc_map_export *e)
{
    const struct pc_map *map = e->map;
    size_t n_vectors = 0;
    for (size_t i = 0; i < map->n_layers; i++)
        n_vectors += !map->layers[i].is_raster;
    if (n_vectors == 0)
        return PC_OK; /* nothing to frame a map with: no project (the run says why) */
    char **qmls = calloc(map->n_layers + 1, sizeof *qmls);
    struct frame fr = {0};
    char *db_path = pc_strfmt("%s/%s", e->dir, e->db_file);
    int rc = (qmls && db_path) ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; i < map->n_layers && rc == PC_OK; i++)
        if ((qmls[i] = pc_style_qml(e->styles, map, &map->layers[i])) == NULL)
            rc = pc_error_code() ? pc_error_code() : PC_ERR_RUN;
    if (rc == PC_OK)
        rc = read_frame(e, &fr);
    if (rc == PC_OK)
        rc = pc_map_db_write_styles(db_path, map, qmls);
    for (size_t i = 0; i < map->n_layers && rc == PC_OK; i++) {
        const struct pc_map_layer *L = &map->layers[i];
        if (!L->is_raster)
            continue;
        char file[512];
        pc_map_sidecar_name(L->name, file, sizeof file);
        rc = write_file(e->dir, file, qmls[i]);
    }
    if (rc == PC_OK) {
        struct pc_qgs p = {
            .title = e->title ? e->title : e->name,
            .db_file = e->db_file,
            .crs_wkt = fr.wkt,
            .crs_auth = fr.auth[0] ? fr.auth : NULL,
            .extent = {fr.extent[0], fr.extent[1], fr.extent[2], fr.extent[3]},
            .map = map,
            .qmls = qmls,
        };
        char *file = pc_strfmt("%s.qgs", e->name);
        char *xml = file ? pc_qgs_xml(&p) : NULL;
        rc = xml ? write_file(e->dir, file, xml) : pc_error(PC_ERR_RUN, "out of memory");
        free(xml);
        free(file);
    }
    for (size_t i = 0; qmls != NULL && i < map->n_layers; i++)
        free(qmls[i]);
    free(qmls);
    CPLFree(fr.wkt);
    free(db_path);
    return rc;
}
