/* map_rasters.c: distance, coverage, land-use and built-up-year GeoTIFFs on one grid. */
#include "map/map_rasters.h"

#include <math.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "core/util.h"
#include "geo/geom.h"
#include "indicators/kinds.h"
#include "io/out_gtiff.h"
#include "io/raster_grid.h"

/* Values of the coverage mask (styles/coverage.qml). */
enum { MASK_OUTSIDE = 0, MASK_COVERED = 1, MASK_NOT_COVERED = 2, MASK_OTHER = 3 };

static const char builtup_name[] = "builtup_year";

/* Everything the rasters of one run share. */
struct rasters {
    struct pc_eval *ev;
    OGRSpatialReferenceH srs;
    const struct pc_styles *styles;
    const char *dir;
    struct pc_map *map;
    struct pc_grid grid;
    unsigned char *inside; /* 1 where the cell centre is in the extent region */
};

/* Nonzero if indicator d gets the straight-line distance and coverage rasters: a coverage
 * indicator measured in a straight line (walking distances are on its <id>_parcels layer). */
static int has_rasters(const struct pc_indicator_def *d)
{
    return strcmp(d->kind->name, "coverage") == 0 && !d->walk.along_network;
}

void pc_map_raster_names(const struct pc_plan *plan, void (*fn)(const char *name, void *data),
                         void *data)
{
    char name[256];
    if (plan->extent == NULL && plan->scope == NULL)
        return;
    for (size_t i = 0; i < plan->n_indicators; i++)
        if (has_rasters(&plan->indicators[i])) {
            snprintf(name, sizeof name, "%s_distance.tif", plan->indicators[i].id);
            fn(name, data);
            snprintf(name, sizeof name, "%s_coverage.tif", plan->indicators[i].id);
            fn(name, data);
        }
    int builtup = 0;
    for (size_t i = 0; i < plan->n_sources; i++) {
        if (plan->sources[i].role == PC_ROLE_LANDUSE) {
            snprintf(name, sizeof name, "%s.tif", plan->sources[i].name);
            fn(name, data);
        }
        builtup |= plan->sources[i].role == PC_ROLE_BUILTUP;
    }
    if (builtup) {
        snprintf(name, sizeof name, "%s.tif", builtup_name);
        fn(name, data);
    }
}

/* Writes DIR/<name>.tif and registers it. */
static int write_raster(struct rasters *R, const char *name, const char *title, enum pc_style style,
                        const void *data, const struct pc_gtiff_spec *spec)
{
    char *path = pc_strfmt("%s/%s.tif", R->dir, name);
    char *file = pc_strfmt("%s.tif", name);
    int rc = (path && file) ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK)
        rc = pc_gtiff_write(path, &R->grid, R->srs, data, spec);
    if (rc == PC_OK && pc_map_add_layer(R->map, file, title, 1, style, NULL, NULL) != 0)
        rc = PC_ERR_RUN;
    if (rc == PC_OK)
        pc_eval_notice(R->ev, 0, "raster <%s>: %d x %d cells of %g m", file, R->grid.nx, R->grid.ny,
                       R->grid.cell);
    free(path);
    free(file);
    return rc;
}

/* The polygons of a layer, borrowed, in a new array (*n of them). */
static GEOSGeometry **polygons_of(struct pc_eval *ev, const struct pc_layer *L, size_t *n)
{
    GEOSGeometry **out = malloc((L->n ? L->n : 1) * sizeof *out);
    *n = 0;
    if (out == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < L->n; i++)
        if (pc_geom_is_polygonal(ev->g, L->geoms[i]))
            out[(*n)++] = L->geoms[i];
    return out;
}

/* Distance to the nearest facility that qualifies for a service radius (one large enough
 * for the smallest area class), from cell centre to the centre of the nearest facility
 * cell: about half a cell more than the exact distance on average. */
static int facility_distances(struct rasters *R, const struct pc_indicator_def *def, float *dist)
{
    struct pc_eval *ev = R->ev;
    const struct pc_layer *fac = pc_eval_layer(ev, def->facility);
    double reach = fmax(PC_DISTANCE_REACH_MIN, pc_radius_max(&def->radius));
    GEOSGeometry **qualifying = malloc((fac->n ? fac->n : 1) * sizeof *qualifying);
    if (qualifying == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    size_t n = 0;
    for (size_t i = 0; i < fac->n; i++)
        if (!def->radius.by_area ||
            pc_radius_for_area(&def->radius, pc_geom_area(ev->g, fac->geoms[i])) >= 0)
            qualifying[n++] = fac->geoms[i];
    int rc = pc_grid_distance(&R->grid, ev->g, qualifying, n, reach, dist);
    free(qualifying);
    return rc;
}

/* Marks in covered the cells whose centre is in the indicator's exact service area (the
 * union of buffers the vector figure uses, from its <id>_service_area table). */
static int service_cells(struct rasters *R, const struct pc_indicator_def *def,
                         unsigned char *covered)
{
    char name[160];
    snprintf(name, sizeof name, "%s_service_area", def->id);
    const struct pc_table *t = pc_tables_find(&R->ev->tables, name);
    memset(covered, 0, pc_grid_cells(&R->grid));
    if (t == NULL)
        return PC_OK; /* no facility qualified */
    size_t n = 0;
    for (size_t i = 0; i < t->nrows; i++)
        n += t->geoms[i] != NULL;
    GEOSGeometry **geoms = malloc((n ? n : 1) * sizeof *geoms);
    if (geoms == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    n = 0;
    for (size_t i = 0; i < t->nrows; i++)
        if (t->geoms[i] != NULL)
            geoms[n++] = t->geoms[i];
    int rc = pc_grid_burn(&R->grid, R->ev->g, geoms, n, NULL, 1, 0, GDT_Byte, covered);
    free(geoms);
    return rc;
}

/* What measured_batch burns into. */
struct measured_burn {
    const struct rasters *R;
    unsigned char *cells;
};

/* A pc_batch_fn: marks the cells under a batch's polygons. */
static int measured_batch(struct pc_eval *ev, const struct pc_layer *L, size_t first, void *data)
{
    struct measured_burn *b = data;
    size_t n;
    (void)first;
    GEOSGeometry **polys = polygons_of(ev, L, &n);
    if (polys == NULL)
        return PC_ERR_RUN;
    int rc = pc_grid_burn(&b->R->grid, ev->g, polys, n, NULL, 1, 0, GDT_Byte, b->cells);
    free(polys);
    return rc;
}

/* The distance and coverage rasters of one coverage indicator. */
static int coverage_rasters(struct rasters *R, const struct pc_indicator_def *def)
{
    struct pc_eval *ev = R->ev;
    size_t cells = pc_grid_cells(&R->grid);
    const struct pc_regions *regions;
    float *dist = malloc(cells * sizeof *dist);
    unsigned char *covered = malloc(cells), *measured = calloc(cells, 1),
                  *in_scope = calloc(cells, 1);
    char *title = NULL, *name = NULL;
    int rc =
        (dist && covered && measured && in_scope) ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK)
        rc = pc_eval_regions(ev, def, &regions);
    if (rc == PC_OK)
        rc = facility_distances(R, def, dist);
    if (rc == PC_OK)
        rc = service_cells(R, def, covered);
    struct measured_burn burn = {R, measured};
    if (rc == PC_OK)
        rc = pc_eval_each_batch(ev, def->layer, measured_batch, &burn, NULL);
    if (rc == PC_OK && regions->items[0].unbounded)
        memset(in_scope, 1, cells);
    else if (rc == PC_OK && regions->items[0].geom != NULL)
        rc = pc_grid_burn(&R->grid, ev->g, &regions->items[0].geom, 1, NULL, 1, 0, GDT_Byte,
                          in_scope);
    size_t n_covered = 0, n_measured = 0;
    for (size_t c = 0; rc == PC_OK && c < cells; c++) {
        unsigned char v = MASK_OUTSIDE;
        if (R->inside[c] && measured[c] && in_scope[c]) {
            v = covered[c] ? MASK_COVERED : MASK_NOT_COVERED;
            n_measured++;
            n_covered += covered[c];
        } else if (R->inside[c]) {
            v = MASK_OTHER;
        }
        covered[c] = v; /* the buffer becomes the mask */
        if (!R->inside[c])
            dist[c] = (float)PC_DISTANCE_NODATA;
    }
    static const struct pc_raster_class mask_classes[] = {
        {MASK_COVERED, 0, 0, 0, NULL, "covered measured land"},
        {MASK_NOT_COVERED, 0, 0, 0, NULL, "measured land not covered"},
        {MASK_OTHER, 0, 0, 0, NULL, "other land"},
    };
    struct pc_raster_class classes[3];
    for (int i = 0; i < 3; i++) {
        classes[i] = mask_classes[i];
        struct pc_rgb c = pc_style_coverage_colour(classes[i].value);
        classes[i].r = c.r, classes[i].g = c.g, classes[i].b = c.b;
    }
    char md_ind[128];
    snprintf(md_ind, sizeof md_ind, "PLANCHECK_INDICATOR=%s", def->id);
    const char *metadata[] = {md_ind, NULL};
    struct pc_gtiff_spec dist_spec = {
        GDT_Float32, PC_DISTANCE_NODATA, "distance to the nearest facility (m)", "AVERAGE", NULL, 0,
        metadata};
    struct pc_gtiff_spec mask_spec = {GDT_Byte, MASK_OUTSIDE, "coverage mask", "NEAREST", classes,
                                      3,        metadata};
    if (rc == PC_OK && ((name = pc_strfmt("%s_distance", def->id)) == NULL ||
                        (title = pc_strfmt("%s：距最近设施距离（米）", def->title)) == NULL))
        rc = pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK)
        rc = write_raster(R, name, title, PC_STYLE_DISTANCE, dist, &dist_spec);
    free(name), free(title);
    name = title = NULL;
    if (rc == PC_OK && ((name = pc_strfmt("%s_coverage", def->id)) == NULL ||
                        (title = pc_strfmt("%s：覆盖栅格", def->title)) == NULL))
        rc = pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK)
        rc = write_raster(R, name, title, PC_STYLE_COVERAGE, covered, &mask_spec);
    if (rc == PC_OK && n_measured > 0)
        pc_eval_notice(ev, 0,
                       "%s: raster coverage at %g m is %.2f%% of %zu measured cells (the "
                       "exact vector figure is the result)",
                       def->id, R->grid.cell, 100.0 * (double)n_covered / (double)n_measured,
                       n_measured);
    free(name), free(title);
    free(in_scope), free(measured), free(covered), free(dist);
    return rc;
}

/* What landuse_batch burns with. */
struct landuse_burn {
    const struct rasters *R;
    const struct pc_raster_class *classes; /* index i + 1 is classes[i].code */
    size_t k;
    GDALDataType type;
    void *data; /* the raster's cells */
};

/* A pc_batch_fn: burns a batch's polygons with their class index, later features over
 * earlier ones (as one burn of the whole layer would). */
static int landuse_batch(struct pc_eval *ev, const struct pc_layer *L, size_t first, void *data)
{
    struct landuse_burn *b = data;
    (void)first;
    double *values = malloc((L->n ? L->n : 1) * sizeof *values);
    GEOSGeometry **geoms = malloc((L->n ? L->n : 1) * sizeof *geoms);
    if (values == NULL || geoms == NULL) {
        free(values), free(geoms);
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    size_t n = 0;
    for (size_t f = 0; f < L->n; f++) {
        if (L->classes[f] == NULL || !pc_geom_is_polygonal(ev->g, L->geoms[f]))
            continue;
        for (size_t i = 0; i < b->k; i++)
            if (strcmp(b->classes[i].code, L->classes[f]) == 0) {
                geoms[n] = L->geoms[f];
                values[n++] = (double)(i + 1);
                break;
            }
    }
    int rc = pc_grid_burn(&b->R->grid, ev->g, geoms, n, values, 0, 0, b->type, b->data);
    free(values), free(geoms);
    return rc;
}

/* The class-index raster of one land-use layer, named after it. */
static int landuse_raster(struct rasters *R, const struct pc_source_def *def)
{
    struct pc_eval *ev = R->ev;
    /* the layer's classes, registered by map_build in code order: index = position + 1.
     * Kept as positions in map->classes, which moves when classes are added below. */
    size_t k = 0, cells = pc_grid_cells(&R->grid);
    size_t *cls = malloc((R->map->n_classes + 1) * sizeof *cls);
    for (size_t i = 0; cls != NULL && i < R->map->n_classes; i++)
        if (strcmp(R->map->classes[i].layer, def->name) == 0)
            cls[k++] = i;
    struct pc_raster_class *classes = calloc(k + 1, sizeof *classes);
    GDALDataType type = k <= 255 ? GDT_Byte : GDT_UInt16;
    void *data = calloc(cells, type == GDT_Byte ? 1 : 2);
    char *file = pc_strfmt("%s.tif", def->name), *title = pc_strfmt("用地用海栅格 %s", def->name);
    int rc =
        (cls && classes && data && file && title) ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; rc == PC_OK && i < k; i++) {
        const struct pc_map_class *c = &R->map->classes[cls[i]];
        struct pc_rgb rgb;
        const char *name;
        pc_styles_landuse(R->styles, c->value, &rgb, &name);
        classes[i] = (struct pc_raster_class){(int)i + 1, rgb.r,    rgb.g,
                                              rgb.b,      c->value, c->label ? c->label : name};
    }
    struct landuse_burn burn = {R, classes, k, type, data};
    if (rc == PC_OK)
        rc = pc_eval_each_batch(ev, def, landuse_batch, &burn, NULL);
    for (size_t c = 0; rc == PC_OK && c < cells; c++)
        if (!R->inside[c]) {
            if (type == GDT_Byte)
                ((unsigned char *)data)[c] = 0;
            else
                ((unsigned short *)data)[c] = 0;
        }
    struct pc_gtiff_spec spec = {
        type, 0, "land-use class index (see the attribute table)", "NEAREST", classes, k, NULL};
    if (rc == PC_OK)
        rc = write_raster(R, def->name, title, PC_STYLE_LANDUSE_RASTER, data, &spec);
    /* the raster's classes: index -> code, name */
    for (size_t i = 0; rc == PC_OK && i < k; i++) {
        char value[32];
        snprintf(value, sizeof value, "%zu", i + 1);
        if (pc_map_add_class(R->map, file, value, classes[i].code, classes[i].label) != 0)
            rc = PC_ERR_RUN;
    }
    free(title), free(file), free(data), free(classes), free(cls);
    return rc;
}

static int cmp_year_desc(const void *a, const void *b)
{
    const struct pc_source_def *x = *(const struct pc_source_def *const *)a;
    const struct pc_source_def *y = *(const struct pc_source_def *const *)b;
    return (y->year > x->year) - (y->year < x->year);
}

/* The first year each cell is built up: latest layers burnt first, earlier ones over them. */
static int builtup_raster(struct rasters *R)
{
    struct pc_eval *ev = R->ev;
    const struct pc_plan *plan = ev->plan;
    const struct pc_source_def **defs = malloc((plan->n_sources + 1) * sizeof *defs);
    size_t n_defs = 0, cells = pc_grid_cells(&R->grid);
    unsigned short *years = calloc(cells, sizeof *years);
    int rc = (defs && years) ? PC_OK : pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; rc == PC_OK && i < plan->n_sources; i++)
        if (plan->sources[i].role == PC_ROLE_BUILTUP)
            defs[n_defs++] = &plan->sources[i];
    if (rc == PC_OK)
        qsort(defs, n_defs, sizeof *defs, cmp_year_desc);
    for (size_t i = 0; rc == PC_OK && i < n_defs; i++) {
        size_t n;
        GEOSGeometry **polys = polygons_of(ev, pc_eval_layer(ev, defs[i]), &n);
        rc = polys ? pc_grid_burn(&R->grid, ev->g, polys, n, NULL, defs[i]->year, 0, GDT_UInt16,
                                  years)
                   : PC_ERR_RUN;
        free(polys);
    }
    for (size_t c = 0; rc == PC_OK && c < cells; c++)
        if (!R->inside[c])
            years[c] = 0;
    struct pc_raster_class *classes = calloc(n_defs + 1, sizeof *classes);
    char(*labels)[32] = calloc(n_defs + 1, sizeof *labels);
    if (rc == PC_OK && (classes == NULL || labels == NULL))
        rc = pc_error(PC_ERR_RUN, "out of memory");
    /* classes from the earliest year on; two layers of one year make one class */
    size_t k = 0;
    for (size_t i = n_defs; rc == PC_OK && i-- > 0;) {
        if (k > 0 && classes[k - 1].value == defs[i]->year)
            continue;
        snprintf(labels[k], sizeof labels[k], "%d年", defs[i]->year);
        classes[k] = (struct pc_raster_class){defs[i]->year, 0, 0, 0, NULL, labels[k]};
        k++;
    }
    struct pc_gtiff_spec spec = {GDT_UInt16, 0, "first year built up", "NEAREST", classes, k, NULL};
    if (rc == PC_OK)
        rc = write_raster(R, builtup_name, "建成年份 first year built up", PC_STYLE_BUILTUP_YEAR,
                          years, &spec);
    for (size_t i = 0; rc == PC_OK && i < k; i++) {
        char value[32];
        snprintf(value, sizeof value, "%d", classes[i].value);
        if (pc_map_add_class(R->map, "builtup_year.tif", value, NULL, labels[i]) != 0)
            rc = PC_ERR_RUN;
    }
    free(labels), free(classes), free(years), free(defs);
    return rc;
}

/* Reports progress before product number `done` of `total`; returns its start time. The
 * products' loops check for a signal before each. */
static double start_product(const struct pc_progress *progress, size_t done, size_t total)
{
    pc_progress_report(progress, (double)done / (double)total, "rasters");
    return pc_seconds();
}

/* Tells the user how long the rasters of `what` took, when they were made. */
static void report_product(struct pc_eval *ev, int rc, const char *what, double t0)
{
    if (rc == PC_OK)
        pc_eval_notice(ev, 0, "rasters of <%s> in %.3f s", what, pc_seconds() - t0);
}

int pc_map_rasters(struct pc_eval *ev, OGRSpatialReferenceH srs, const struct pc_styles *styles,
                   const char *dir, struct pc_map *map, const struct pc_progress *progress)
{
    const struct pc_plan *plan = ev->plan;
    const struct pc_source_def *extent = plan->extent ? plan->extent : plan->scope;
    if (extent == NULL) {
        pc_eval_notice(ev, 0, "no rasters: set 'scope' or 'extent' in [plan] to get GeoTIFFs");
        return PC_OK;
    }
    struct rasters R = {.ev = ev, .srs = srs, .styles = styles, .dir = dir, .map = map};
    const GEOSGeometry *region = pc_layer_dissolved(pc_eval_layer(ev, extent), ev->g);
    if (region == NULL)
        return PC_ERR_RUN;
    int rc = pc_grid_around(ev->g, region, plan->cell_size, &R.grid);
    if (rc != PC_OK)
        return rc;
    size_t cells = pc_grid_cells(&R.grid);
    if ((R.inside = calloc(cells, 1)) == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    GEOSGeometry *region_rw = (GEOSGeometry *)region; /* burnt, not changed */
    rc = pc_grid_burn(&R.grid, ev->g, &region_rw, 1, NULL, 1, 0, GDT_Byte, R.inside);

    /* one product per coverage indicator, per land-use layer, and the built-up years */
    size_t total = 1, done = 0;
    for (size_t i = 0; i < plan->n_indicators; i++)
        total += has_rasters(&plan->indicators[i]);
    for (size_t i = 0; i < plan->n_sources; i++)
        total += plan->sources[i].role == PC_ROLE_LANDUSE;
    for (size_t i = 0; rc == PC_OK && i < plan->n_indicators; i++)
        if (has_rasters(&plan->indicators[i]) && (rc = pc_interrupt_check()) == PC_OK) {
            double t0 = start_product(progress, done++, total);
            rc = coverage_rasters(&R, &plan->indicators[i]);
            report_product(ev, rc, plan->indicators[i].id, t0);
        }
    int builtup = 0;
    for (size_t i = 0; rc == PC_OK && i < plan->n_sources; i++) {
        builtup |= plan->sources[i].role == PC_ROLE_BUILTUP;
        if (plan->sources[i].role == PC_ROLE_LANDUSE && (rc = pc_interrupt_check()) == PC_OK) {
            double t0 = start_product(progress, done++, total);
            rc = landuse_raster(&R, &plan->sources[i]);
            report_product(ev, rc, plan->sources[i].name, t0);
        }
    }
    if (rc == PC_OK && builtup && (rc = pc_interrupt_check()) == PC_OK) {
        double t0 = start_product(progress, done++, total);
        rc = builtup_raster(&R);
        report_product(ev, rc, builtup_name, t0);
    }
    pc_progress_report(progress, 1, NULL);
    free(R.inside);
    return rc;
}
