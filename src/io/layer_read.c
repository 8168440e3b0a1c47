/* layer_read.c: OGR source -> GEOS geometries in the plan CRS (filter, reproject with the
 * traditional GIS axis order, repair with GEOSMakeValid_r, count what was skipped). */
#include "io/layer_read.h"

#include <gdal.h>
#include <ogr_api.h>
#include <cpl_error.h>

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "core/utf8.h"
#include "core/util.h"
#include "geo/geom.h"
#include "io/gdal_env.h"
#include "io/geom_ingest.h"
#include "io/layer_attrs.h"

/* Features between two progress reports. */
#define PC_READ_PROGRESS_STEP 2000

/* Everything one read needs; released in one place (pc_layer_reader_close). */
struct pc_layer_reader {
    const struct pc_plan *plan;
    const struct pc_source_def *def;
    struct pc_geos *g;
    GDALDatasetH ds;
    OGRLayerH lyr;
    OGRSpatialReferenceH src_srs; /* owned copy */
    OGRCoordinateTransformationH ct;
    struct pc_ingest ingest; /* geometries into GEOS (geom_ingest.h), set up when reading starts */
    int population_field, name_field, class_field, label_field;
    size_t cap;             /* allocated feature slots of `layer` */
    struct pc_layer *layer; /* the features being read (owned until handed out) */
    GIntBig total;          /* features the driver counts in the layer, for progress; -1 unknown */
    size_t read;            /* features read so far, over every batch */
    int started;            /* reading has begun (the cursor was reset) */
    int finished;           /* the driver returned its last feature */
};

/* Formats "PLAN:LINE: [layer NAME] ..." for the key `key` of the source section. */
static int source_error(const struct pc_layer_reader *r, int code, const char *key, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));

static int source_error(const struct pc_layer_reader *r, int code, const char *key, const char *fmt,
                        ...)
{
    char what[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    return pc_error(code, "%s:%d: [%s %s]: %s", r->plan->ini.path,
                    pc_plan_key_line(r->def->section, key), r->def->is_zones ? "zones" : "layer",
                    r->def->name, what);
}

OGRSpatialReferenceH pc_srs_from_text(const char *text)
{
    OGRSpatialReferenceH srs = OSRNewSpatialReference(NULL);
    if (srs == NULL)
        return NULL;
    if (OSRSetFromUserInput(srs, text) != OGRERR_NONE) {
        OSRDestroySpatialReference(srs);
        return NULL;
    }
    OSRSetAxisMappingStrategy(srs, OAMS_TRADITIONAL_GIS_ORDER);
    return srs;
}

/* Comma-separated names of the source's layers, for "no such layer" messages. */
static void list_layers(GDALDatasetH ds, char *out, size_t size)
{
    out[0] = '\0';
    int n = GDALDatasetGetLayerCount(ds);
    for (int i = 0; i < n; i++) {
        const char *name = OGR_L_GetName(GDALDatasetGetLayer(ds, i));
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", i ? ", " : "", name);
    }
}

/* Comma-separated field names of the layer, for "no such field" messages. */
static void list_fields(OGRLayerH lyr, char *out, size_t size)
{
    OGRFeatureDefnH fd = OGR_L_GetLayerDefn(lyr);
    out[0] = '\0';
    for (int i = 0; i < OGR_FD_GetFieldCount(fd); i++) {
        size_t used = strlen(out);
        snprintf(out + used, size - used, "%s%s", i ? ", " : "",
                 OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(fd, i)));
    }
}

static int open_source(struct pc_layer_reader *r)
{
    const struct pc_source_def *def = r->def;
    char option[128];
    char *options[2] = {NULL, NULL};
    if (def->encoding != NULL) {
        snprintf(option, sizeof option, "ENCODING=%s", def->encoding);
        options[0] = option;
    }
    struct stat st;
    if (!pc_source_is_connection(def->source) && stat(def->path, &st) != 0)
        return source_error(r, PC_ERR_USAGE, "source", "cannot open source <%s>: %s", def->path,
                            strerror(errno));
    CPLErrorReset();
    r->ds = GDALOpenEx(def->path, GDAL_OF_VECTOR | GDAL_OF_READONLY, NULL,
                       (const char *const *)options, NULL);
    if (r->ds == NULL)
        return source_error(r, PC_ERR_USAGE, "source", "cannot open source <%s>: %s", def->path,
                            pc_gdal_error("not a vector source GDAL can read"));

    char names[1024];
    if (def->layer != NULL) {
        r->lyr = GDALDatasetGetLayerByName(r->ds, def->layer);
        if (r->lyr == NULL) {
            list_layers(r->ds, names, sizeof names);
            return source_error(r, PC_ERR_USAGE, "layer", "no layer <%s> in <%s> (it has: %s)",
                                def->layer, def->path, names);
        }
    } else if (GDALDatasetGetLayerCount(r->ds) == 1) {
        r->lyr = GDALDatasetGetLayer(r->ds, 0);
    } else {
        list_layers(r->ds, names, sizeof names);
        return source_error(r, PC_ERR_USAGE, "source",
                            "source <%s> has %d layers: set 'layer' to one of: %s", def->path,
                            GDALDatasetGetLayerCount(r->ds), names);
    }
    r->layer->source_layer = pc_strdup(OGR_L_GetName(r->lyr));
    if (r->layer->source_layer == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    return PC_OK;
}

/* Sets *index to the field `field` that plan key `key` names, or reports it missing with the
 * fields the layer has. */
static int find_field(struct pc_layer_reader *r, const char *key, const char *field, int *index)
{
    *index = OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(r->lyr), field);
    if (*index >= 0)
        return PC_OK;
    char fields[1024];
    list_fields(r->lyr, fields, sizeof fields);
    return source_error(r, PC_ERR_USAGE, key, "no field '%s' in layer <%s> of <%s> (fields: %s)",
                        field, r->layer->source_layer, r->def->path, fields);
}

static int apply_filter_and_fields(struct pc_layer_reader *r)
{
    const struct pc_source_def *def = r->def;
    CPLErrorReset();
    if (def->where != NULL) {
        /* some drivers (GeoPackage) accept any filter and fail on the first read: try one */
        OGRFeatureH first = NULL;
        if (OGR_L_SetAttributeFilter(r->lyr, def->where) == OGRERR_NONE) {
            OGR_L_ResetReading(r->lyr);
            first = OGR_L_GetNextFeature(r->lyr);
        }
        if (first != NULL)
            OGR_F_Destroy(first);
        if (CPLGetLastErrorType() >= CE_Failure)
            return source_error(r, PC_ERR_USAGE, "where",
                                "bad filter 'where = %s' on layer <%s>: %s", def->where,
                                r->layer->source_layer, pc_gdal_error("GDAL rejected it"));
    }
    OGRFeatureDefnH fd = OGR_L_GetLayerDefn(r->lyr);
    int rc;
    r->population_field = r->name_field = r->class_field = r->label_field = -1;
    if (def->population != NULL) {
        if ((rc = find_field(r, "population", def->population, &r->population_field)))
            return rc;
        OGRFieldType type = OGR_Fld_GetType(OGR_FD_GetFieldDefn(fd, r->population_field));
        if (type != OFTInteger && type != OFTInteger64 && type != OFTReal)
            return source_error(r, PC_ERR_USAGE, "population",
                                "field '%s' of layer <%s> is not numeric", def->population,
                                r->layer->source_layer);
    }
    if ((def->name_field != NULL &&
         (rc = find_field(r, "name", def->name_field, &r->name_field))) ||
        (def->class_field != NULL &&
         (rc = find_field(r, "class", def->class_field, &r->class_field))) ||
        (def->label_field != NULL &&
         (rc = find_field(r, "label", def->label_field, &r->label_field))))
        return rc;
    return PC_OK;
}

static int prepare_transform(struct pc_layer_reader *r, OGRSpatialReferenceH plan_srs)
{
    const struct pc_source_def *def = r->def;
    if (def->srs != NULL) {
        r->src_srs = pc_srs_from_text(def->srs);
        if (r->src_srs == NULL)
            return source_error(r, PC_ERR_USAGE, "srs", "bad srs '%s': %s", def->srs,
                                pc_gdal_error("not a CRS GDAL understands"));
    } else {
        OGRSpatialReferenceH layer_srs = OGR_L_GetSpatialRef(r->lyr);
        /* a GeoPackage layer written without a CRS reads back as one of these placeholders */
        const char *srs_name = layer_srs ? OSRGetName(layer_srs) : NULL;
        if (srs_name != NULL && (strcmp(srs_name, "Undefined geographic SRS") == 0 ||
                                 strcmp(srs_name, "Undefined Cartesian SRS") == 0))
            layer_srs = NULL;
        if (layer_srs == NULL)
            return source_error(r, PC_ERR_USAGE, "source",
                                "layer <%s> of <%s> has no CRS: set 'srs' (e.g. srs = EPSG:4544)",
                                r->layer->source_layer, def->path);
        r->src_srs = OSRClone(layer_srs);
        if (r->src_srs == NULL)
            return pc_error(PC_ERR_RUN, "out of memory");
        OSRSetAxisMappingStrategy(r->src_srs, OAMS_TRADITIONAL_GIS_ORDER);
    }
    if (OSRIsSame(r->src_srs, plan_srs))
        return PC_OK;
    CPLErrorReset();
    r->ct = OCTNewCoordinateTransformation(r->src_srs, plan_srs);
    if (r->ct == NULL)
        return source_error(r, PC_ERR_USAGE, def->srs ? "srs" : "source",
                            "cannot transform layer <%s> into the plan CRS: %s",
                            r->layer->source_layer, pc_gdal_error("no transformation found"));
    return PC_OK;
}

/* Reallocates the array *arr (void ** in disguise) to `cap` elements of `size` bytes; 0 or -1
 * (then *arr is unchanged). */
static int resize(void *arr, size_t cap, size_t size)
{
    void **p = arr;
    void *grown = realloc(*p, cap * size);
    if (grown == NULL)
        return -1;
    *p = grown;
    return 0;
}

/* Sets *out to a new copy of text field `field` of f, valid UTF-8 (bytes of a GBK file read
 * without 'encoding' are replaced, and counted); a NULL field gives "(feature FID)" with
 * `placeholder`, else NULL. Returns 0, or -1 on out of memory. */
static int read_text(struct pc_layer_reader *r, OGRFeatureH f, int field, long long fid,
                     int placeholder, char **out)
{
    *out = NULL;
    if (!OGR_F_IsFieldSetAndNotNull(f, field)) {
        if (!placeholder)
            return 0;
        *out = pc_strfmt("(feature %lld)", fid);
        return *out ? 0 : -1;
    }
    const char *text = OGR_F_GetFieldAsString(f, field);
    if (pc_utf8_valid(text)) {
        *out = pc_strdup(text);
    } else {
        *out = pc_utf8_repair(text);
        r->layer->stats.bad_text++;
    }
    return *out ? 0 : -1;
}

/* Appends one feature's geometry and attributes to the layer. */
static int add_feature(struct pc_layer_reader *r, OGRFeatureH f, GEOSGeometry *geom, long long fid,
                       const char *code)
{
    struct pc_layer *L = r->layer;
    if (L->n == r->cap) {
        size_t cap = r->cap ? r->cap * 2 : 256;
        if (resize(&L->geoms, cap, sizeof *L->geoms) || resize(&L->fids, cap, sizeof *L->fids) ||
            (r->def->maps_codes && resize(&L->codes, cap, sizeof *L->codes)) ||
            (r->population_field >= 0 && resize(&L->population, cap, sizeof(double))) ||
            (r->name_field >= 0 && resize(&L->names, cap, sizeof(char *))) ||
            (r->class_field >= 0 && resize(&L->classes, cap, sizeof(char *))) ||
            (r->label_field >= 0 && resize(&L->labels, cap, sizeof(char *)))) {
            GEOSGeom_destroy_r(r->g->h, geom);
            return pc_error(PC_ERR_RUN, "out of memory");
        }
        r->cap = cap;
    }
    if (r->population_field >= 0) {
        double pop = 0;
        if (OGR_F_IsFieldSetAndNotNull(f, r->population_field))
            pop = OGR_F_GetFieldAsDouble(f, r->population_field);
        else
            L->stats.null_population++;
        if (!(pop >= 0) || !isfinite(pop)) {
            GEOSGeom_destroy_r(r->g->h, geom);
            return source_error(r, PC_ERR_USAGE, "population",
                                "feature %lld of layer <%s> has population %g: expected a "
                                "number >= 0",
                                fid, L->source_layer, pop);
        }
        L->population[L->n] = pop;
    }
    if (L->classes != NULL)
        L->classes[L->n] = NULL;
    if ((r->name_field >= 0 && read_text(r, f, r->name_field, fid, 1, &L->names[L->n])) ||
        (r->class_field >= 0 && read_text(r, f, r->class_field, fid, 0, &L->classes[L->n])) ||
        (r->label_field >= 0 && read_text(r, f, r->label_field, fid, 0, &L->labels[L->n]))) {
        if (L->names != NULL)
            free(L->names[L->n]);
        if (L->classes != NULL)
            free(L->classes[L->n]);
        GEOSGeom_destroy_r(r->g->h, geom);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    if (L->attributes != NULL && pc_attrs_add(L->attributes, r->g, f, &L->stats.bad_text) != 0) {
        GEOSGeom_destroy_r(r->g->h, geom);
        return PC_ERR_RUN;
    }
    if (L->codes != NULL)
        L->codes[L->n] = code;
    if (pc_geom_is_polygonal(r->g, geom))
        L->n_polygonal++;
    L->geoms[L->n] = geom;
    L->fids[L->n] = fid;
    L->n++;
    L->stats.kept++;
    return PC_OK;
}

/* Maps the class value of f onto its 用地用海 code (*code, NULL when the table lacks it) and
 * returns nonzero if the feature is selected: always without 'classes', else when the code
 * lies within one of them. */
static int select_by_class(struct pc_layer_reader *r, OGRFeatureH f, const char **code)
{
    const struct pc_source_def *def = r->def;
    struct pc_layer *L = r->layer;
    *code = NULL;
    if (OGR_F_IsFieldSetAndNotNull(f, r->class_field)) {
        const char *value = OGR_F_GetFieldAsString(f, r->class_field);
        *code = pc_codes_map(&r->plan->codes, def->vocabularies, def->n_vocabularies, value);
        if (*code == NULL && L->stats.unmapped++ == 0)
            snprintf(L->stats.unmapped_example, sizeof L->stats.unmapped_example, "%s", value);
    }
    if (def->classes == NULL)
        return 1;
    for (size_t i = 0; *code != NULL && i < def->n_classes; i++)
        if (strncmp(*code, def->classes[i], strlen(def->classes[i])) == 0)
            return 1;
    L->stats.not_selected++;
    return 0;
}

/* Starts reading: the feature count for progress, the WKB reader, the cursor at the start. */
static int start_reading(struct pc_layer_reader *r)
{
    r->started = 1;
    r->total = OGR_L_GetFeatureCount(r->lyr, FALSE);
    int rc = pc_ingest_init(&r->ingest, r->g, r->ct);
    if (rc != PC_OK)
        return rc;
    OGR_L_ResetReading(r->lyr);
    return PC_OK;
}

/* Reads features into r->layer until it holds `max` of them or the source ends (then
 * r->finished is set). */
static int read_features(struct pc_layer_reader *r, size_t max, const struct pc_progress *progress)
{
    struct pc_layer *L = r->layer;
    char msg[256];
    snprintf(msg, sizeof msg, "reading layer <%s>", r->def->name);
    pc_progress_report(progress, r->total > 0 ? (double)r->read / (double)r->total : 0, msg);
    if (r->def->keep_attributes &&
        (L->attributes = pc_attrs_new(r->def->name, OGR_L_GetLayerDefn(r->lyr))) == NULL)
        return PC_ERR_RUN;
    CPLErrorReset();
    OGRFeatureH f = NULL;
    int rc = PC_OK;
    while (rc == PC_OK && L->n < max && (f = OGR_L_GetNextFeature(r->lyr)) != NULL) {
        long long fid = (long long)OGR_F_GetFID(f);
        L->stats.read++;
        r->read++;
        const char *code = NULL;
        if (r->def->maps_codes && !select_by_class(r, f, &code)) {
            OGR_F_Destroy(f);
            continue;
        }
        OGRGeometryH geom = OGR_F_StealGeometry(f);
        GEOSGeometry *gg = NULL;
        int repaired = 0;
        if (geom == NULL) {
            L->stats.null_geometry++;
        } else if (OGR_G_IsEmpty(geom)) {
            OGR_G_DestroyGeometry(geom);
            L->stats.empty++;
        } else if ((rc = pc_ingest_convert(&r->ingest, geom, r->def->name, fid, &gg)) == PC_OK &&
                   (rc = pc_ingest_repair(&r->ingest, &gg, r->def->name, fid, &repaired)) ==
                       PC_OK) {
            L->stats.repaired += (size_t)(repaired || r->ingest.closed_rings > 0);
            if (gg == NULL || GEOSisEmpty_r(r->g->h, gg) == 1) {
                L->stats.empty++;
                if (gg != NULL)
                    GEOSGeom_destroy_r(r->g->h, gg);
            } else {
                rc = add_feature(r, f, gg, fid, code);
            }
        } else if (gg != NULL) {
            GEOSGeom_destroy_r(r->g->h, gg);
        }
        OGR_F_Destroy(f);
        if (r->read % PC_READ_PROGRESS_STEP == 0) {
            if (r->total > 0)
                pc_progress_report(progress, (double)r->read / (double)r->total, NULL);
            if (rc == PC_OK)
                rc = pc_interrupt_check();
        }
    }
    if (rc == PC_OK && L->n < max)
        r->finished = 1; /* the loop stopped at the end of the source */
    if (rc == PC_OK && CPLGetLastErrorType() >= CE_Failure)
        rc = source_error(r, PC_ERR_RUN, "source", "reading layer <%s> of <%s> failed: %s",
                          L->source_layer, r->def->path, pc_gdal_error("unknown error"));
    if (r->finished)
        pc_progress_report(progress, 1, NULL);
    return rc;
}

int pc_layer_open(const struct pc_plan *plan, const struct pc_source_def *def,
                  OGRSpatialReferenceH plan_srs, struct pc_geos *g, struct pc_layer_reader **out)
{
    *out = NULL;
    struct pc_layer_reader *r = calloc(1, sizeof *r);
    if (r == NULL || (r->layer = calloc(1, sizeof *r->layer)) == NULL) {
        free(r);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    r->plan = plan;
    r->def = def;
    r->g = g;
    r->layer->def = def;
    int rc;
    if ((rc = open_source(r)) || (rc = apply_filter_and_fields(r)) ||
        (rc = prepare_transform(r, plan_srs))) {
        pc_layer_reader_close(r);
        return rc;
    }
    *out = r;
    return PC_OK;
}

/* A new empty layer of r's source in r->layer (the previous one handed out). */
static int new_batch(struct pc_layer_reader *r)
{
    r->cap = 0;
    r->layer = calloc(1, sizeof *r->layer);
    if (r->layer == NULL || (r->layer->source_layer = pc_strdup(OGR_L_GetName(r->lyr))) == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    r->layer->def = r->def;
    return PC_OK;
}

int pc_layer_reader_next(struct pc_layer_reader *r, size_t max, const struct pc_progress *progress,
                         struct pc_layer **out)
{
    *out = NULL;
    int rc = PC_OK;
    if (max == 0)
        max = 1;
    if (r->layer == NULL && (rc = new_batch(r)) != PC_OK)
        return rc;
    if (!r->started && (rc = start_reading(r)) != PC_OK)
        return rc;
    if (!r->finished && (rc = read_features(r, max, progress)) != PC_OK)
        return rc;
    *out = r->layer;
    r->layer = NULL;
    return PC_OK;
}

int pc_layer_reader_read(struct pc_layer_reader *r, const struct pc_progress *progress,
                         struct pc_layer **out)
{
    *out = NULL;
    if (r->started)
        return pc_error(PC_ERR_RUN, "layer <%s> was read already", r->def->name);
    return pc_layer_reader_next(r, SIZE_MAX, progress, out);
}

int pc_layer_reader_done(const struct pc_layer_reader *r)
{
    return r->finished;
}

void pc_layer_stats_add(struct pc_layer_stats *sum, const struct pc_layer_stats *s)
{
    if (sum->unmapped == 0 && s->unmapped > 0)
        memcpy(sum->unmapped_example, s->unmapped_example, sizeof sum->unmapped_example);
    sum->read += s->read;
    sum->kept += s->kept;
    sum->null_geometry += s->null_geometry;
    sum->empty += s->empty;
    sum->repaired += s->repaired;
    sum->null_population += s->null_population;
    sum->bad_text += s->bad_text;
    sum->not_selected += s->not_selected;
    sum->unmapped += s->unmapped;
}

void pc_layer_reader_close(struct pc_layer_reader *r)
{
    if (r == NULL)
        return;
    pc_layer_free(r->layer, r->g);
    pc_ingest_done(&r->ingest);
    if (r->ct != NULL)
        OCTDestroyCoordinateTransformation(r->ct);
    if (r->src_srs != NULL)
        OSRDestroySpatialReference(r->src_srs);
    if (r->ds != NULL)
        GDALClose(r->ds);
    free(r);
}

const GEOSGeometry *pc_layer_dissolved(struct pc_layer *layer, struct pc_geos *g)
{
    if (layer->dissolved != NULL)
        return layer->dissolved;
    GEOSGeometry **polygons = malloc((layer->n ? layer->n : 1) * sizeof *polygons);
    if (polygons == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    size_t n = 0;
    for (size_t i = 0; i < layer->n; i++)
        if (pc_geom_is_polygonal(g, layer->geoms[i]))
            polygons[n++] = layer->geoms[i];
    layer->dissolved = pc_geom_union_copy(g, polygons, n);
    free(polygons);
    return layer->dissolved;
}

void pc_layer_free(struct pc_layer *layer, struct pc_geos *g)
{
    if (layer == NULL)
        return;
    for (size_t i = 0; i < layer->n; i++) {
        GEOSGeom_destroy_r(g->h, layer->geoms[i]);
        if (layer->names != NULL)
            free(layer->names[i]);
        if (layer->classes != NULL)
            free(layer->classes[i]);
        if (layer->labels != NULL)
            free(layer->labels[i]);
    }
    if (layer->dissolved != NULL)
        GEOSGeom_destroy_r(g->h, layer->dissolved);
    free(layer->geoms);
    free(layer->fids);
    free(layer->population);
    free(layer->names);
    free(layer->classes);
    free(layer->labels);
    free(layer->codes);
    pc_table_free(layer->attributes, g);
    free(layer->source_layer);
    free(layer);
}
