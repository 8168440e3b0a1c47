/* layer_read.h: reads a [layer] or [zones] source through OGR into GEOS geometries in the
 * plan's CRS: filtered, reprojected (traditional GIS axis order), repaired, counted. */
#ifndef PC_LAYER_READ_H
#define PC_LAYER_READ_H

#include <stddef.h>

#include <ogr_srs_api.h>

#include "core/progress.h"
#include "core/table.h"
#include "geo/geos_ctx.h"
#include "plan/plan.h"

/* What happened to the features of a source while reading it. */
struct pc_layer_stats {
    size_t read;               /* features the filter let through */
    size_t kept;               /* features with a usable geometry */
    size_t null_geometry;      /* skipped: no geometry */
    size_t empty;              /* skipped: empty geometry, or nothing left after repair */
    size_t repaired;           /* invalid polygons made valid with GEOSMakeValid_r */
    size_t null_population;    /* population field NULL: counted as 0 residents */
    size_t bad_text;           /* texts that were not UTF-8 (bytes replaced by U+FFFD) */
    size_t not_selected;       /* skipped: 用地用海 class not among the source's 'classes' */
    size_t unmapped;           /* class values not in the land-use code table */
    char unmapped_example[32]; /* the first such value, for the warning */
};

struct pc_layer {
    const struct pc_source_def *def; /* borrowed from the plan */
    char *source_layer;              /* the OGR layer read (owned) */
    size_t n;
    GEOSGeometry **geoms;        /* owned; valid, non-empty, in the plan CRS */
    long long *fids;             /* OGR feature ids */
    double *population;          /* owned; residents per feature, or NULL without 'population' */
    char **names;                /* owned; zone names for [zones], else NULL */
    char **classes;              /* owned; 'class' values (NULL entries for NULL), or NULL */
    char **labels;               /* owned; 'label' values (NULL entries for NULL), or NULL */
    const char **codes;          /* owned array; each feature's 用地用海 code (borrowed from the
                                    plan's code table; NULL when unmapped), or NULL unless the
                                    source maps codes */
    struct pc_table *attributes; /* owned; every field, row i = feature i, or NULL unless
                                    the source keeps attributes */
    size_t n_polygonal;          /* features that are (multi)polygons */
    GEOSGeometry *dissolved;     /* lazily built union of the polygons (pc_layer_dissolved) */
    struct pc_layer_stats stats;
};

/* Turns `text` (EPSG:4544, WKT, PROJ string...) into a new spatial reference with the
 * traditional GIS axis order (x = easting/longitude); caller releases it with
 * OSRDestroySpatialReference. NULL if GDAL cannot understand it. */
OGRSpatialReferenceH pc_srs_from_text(const char *text);

/* An opened source, checked and ready to read (opaque). */
struct pc_layer_reader;

/* Opens source `def` of `plan` and checks everything the plan says about it before any
 * feature is read: the file or connection, the layer, the filter, the fields, the CRS and
 * the transformation into plan_srs. On success *out is a new reader (release it with
 * pc_layer_reader_close). Returns PC_OK, or PC_ERR_USAGE naming the plan line and key. */
int pc_layer_open(const struct pc_plan *plan, const struct pc_source_def *def,
                  OGRSpatialReferenceH plan_srs, struct pc_geos *g, struct pc_layer_reader **out);

/* Reads every feature of an opened source into a new layer (*out, free with
 * pc_layer_free). Returns PC_OK, PC_ERR_USAGE for bad attribute values, or PC_ERR_RUN for
 * failures while converting features or when the reader has been read from before. The
 * reader can then only be closed. */
int pc_layer_reader_read(struct pc_layer_reader *r, const struct pc_progress *progress,
                         struct pc_layer **out);

/* Reads the next features of an opened source, in source order, into a new layer (*out,
 * free with pc_layer_free) holding at most `max` of them (0 counts as 1): a batch. Its
 * stats count only what this batch read. At the end of the source *out is an empty layer;
 * pc_layer_reader_done() tells when the source is exhausted. Progress reports the share of
 * the whole source read so far. Errors as pc_layer_reader_read(). */
int pc_layer_reader_next(struct pc_layer_reader *r, size_t max, const struct pc_progress *progress,
                         struct pc_layer **out);

/* Nonzero once the source's last feature has been read. */
int pc_layer_reader_done(const struct pc_layer_reader *r);

/* Adds the counts of s to sum (the first unmapped example is kept). */
void pc_layer_stats_add(struct pc_layer_stats *sum, const struct pc_layer_stats *s);

/* Closes the source and frees the reader; NULL is fine. */
void pc_layer_reader_close(struct pc_layer_reader *r);

/* The union of the layer's polygons, built on first call and kept by the layer (borrowed;
 * an empty MultiPolygon for a layer without polygons). NULL with pc_error() on failure. */
const GEOSGeometry *pc_layer_dissolved(struct pc_layer *layer, struct pc_geos *g);

/* Frees the layer and its geometries; NULL is fine. */
void pc_layer_free(struct pc_layer *layer, struct pc_geos *g);

#endif
