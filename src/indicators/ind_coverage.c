/* ind_coverage.c: kind `coverage`, the share of a layer's area (and population) inside the
 * service areas of facilities. Straight-line: one buffer per qualifying facility, one union
 * of all buffers, prepared once; each parcel is then contained (whole area), disjoint (none)
 * or intersected, batch by batch (coverage_parcels.c), the gaps spilled to disk as they are
 * made. Along the street network: coverage_network.c. */
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "core/table_spool.h"
#include "core/util.h"
#include "geo/geom.h"
#include "geo/union_parallel.h"
#include "geo/parallel.h"
#include "indicators/coverage.h"
#include "indicators/eval.h"
#include "indicators/kinds.h"

/* Buffers every qualifying facility and unions the buffers in one call. */
static int build_service_area(struct coverage *c)
{
    struct pc_eval *ev = c->ev;
    struct pc_geos *g = ev->g;
    const struct pc_indicator_def *def = c->def;
    const struct pc_layer *fac = c->facilities;
    GEOSGeometry **buffers = malloc((fac->n ? fac->n : 1) * sizeof *buffers);
    if (buffers == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    size_t n = 0;
    int rc = PC_OK;
    for (size_t i = 0; i < fac->n; i++) {
        double radius = pc_radius_for_area(&def->radius, pc_geom_area(g, fac->geoms[i]));
        if (radius < 0) {
            c->n_too_small++;
            continue;
        }
        buffers[n] = GEOSBuffer_r(g->h, fac->geoms[i], radius, ev->plan->quadrant_segments);
        if (buffers[n] == NULL) {
            rc = pc_geos_fail(g, "buffering a facility");
            break;
        }
        n++;
    }
    c->n_qualifying = n;
    if (rc != PC_OK) {
        for (size_t i = 0; i < n; i++)
            GEOSGeom_destroy_r(g->h, buffers[i]);
        free(buffers);
        return rc;
    }
    c->service = pc_geom_union_take_parallel(g, buffers, n);
    free(buffers);
    if (c->service == NULL)
        return PC_ERR_RUN;
    if ((rc = pc_geom_keep_polygons(g, &c->service)) != PC_OK || c->service == NULL)
        return rc;
    c->service_prep = GEOSPrepare_r(g->h, c->service);
    return c->service_prep ? PC_OK : pc_geos_fail(g, "preparing the service area");
}

/* Appends the gap of every parcel of the batch that has one to the gaps layer, in the
 * layer's order (the table takes the geometries), and spills them to disk. */
static int append_gaps(struct coverage *c)
{
    struct pc_geos *g = c->ev->g;
    for (size_t i = 0; i < c->n_parcels; i++) {
        struct parcel *p = &c->parcels[i];
        if (p->gap == NULL)
            continue;
        double area = pc_geom_area(g, p->gap);
        long row = pc_table_add_row(c->gaps, g, p->gap);
        p->gap = NULL;
        if (row < 0)
            return PC_ERR_RUN;
        pc_table_set_int(c->gaps, (size_t)row, 0, c->measured->fids[p->feature]);
        pc_table_set_real(c->gaps, (size_t)row, 1, area);
        if (c->measured->population != NULL)
            pc_table_set_real(c->gaps, (size_t)row, 2, area * p->pop_per_m2);
    }
    return pc_table_spill(c->gaps, g);
}

/* Splits the clipped parcel p into its parts inside and outside thread t's copy of the
 * straight-line service area; the outside part becomes p->gap. */
static int cover_straight(struct coverage *c, const struct coverage_thread *t, struct parcel *p)
{
    struct pc_geos *g = t->g;
    int rc;
    (void)c;
    p->cover = PC_REL_OUTSIDE;
    if (t->service_prep != NULL &&
        (rc = pc_geom_relate(g, t->service_prep, p->part, &p->cover)) != PC_OK)
        return rc;
    if (p->cover == PC_REL_PARTIAL) {
        /* cut by the pieces of the service area near the parcel: an overlay with the whole,
         * which may have 10^5 vertices, costs time in its size for every parcel */
        if ((rc = pc_subdivided_intersect_polygons(g, t->service_pieces, p->part, &p->covered)) !=
            PC_OK)
            return rc;
        if (p->covered == NULL)
            p->cover = PC_REL_OUTSIDE; /* touches the service area along its edge only */
    }
    p->covered_area = p->cover == PC_REL_INSIDE    ? p->area
                      : p->cover == PC_REL_PARTIAL ? pc_geom_area(g, p->covered)
                                                   : 0.0;
    if (p->cover == PC_REL_INSIDE)
        return PC_OK;
    if (p->cover == PC_REL_OUTSIDE) {
        p->gap = GEOSGeom_clone_r(g->h, p->part);
        return p->gap ? PC_OK : pc_geos_fail(g, "copying a gap");
    }
    /* part − service = part − (part ∩ service), a small overlay */
    return pc_geom_difference_polygons(g, p->part, p->covered, &p->gap);
}

int pc_coverage_write_service_area(struct coverage *c, const GEOSGeometry *area)
{
    struct pc_geos *g = c->ev->g;
    struct pc_table *t = pc_eval_output_table(c->ev, c->def, "service_area");
    if (t == NULL)
        return pc_error_code();
    if (pc_table_add_column(t, "area_m2", PC_COL_REAL) < 0)
        return PC_ERR_RUN;
    int parts = area ? GEOSGetNumGeometries_r(g->h, area) : 0;
    for (int i = 0; i < parts; i++) {
        GEOSGeometry *part = GEOSGeom_clone_r(g->h, GEOSGetGeometryN_r(g->h, area, i));
        if (part == NULL)
            return pc_geos_fail(g, "copying the service area");
        double a = pc_geom_area(g, part);
        long row = pc_table_add_row(t, g, part);
        if (row < 0)
            return PC_ERR_RUN;
        pc_table_set_real(t, (size_t)row, 0, a);
    }
    return PC_OK;
}

static int create_gaps_table(struct coverage *c)
{
    c->gaps = pc_eval_output_table(c->ev, c->def, "gaps");
    if (c->gaps == NULL)
        return pc_error_code();
    if (pc_table_add_column(c->gaps, "source_fid", PC_COL_INT) < 0 ||
        pc_table_add_column(c->gaps, "area_m2", PC_COL_REAL) < 0 ||
        pc_table_add_column(c->gaps, "population", PC_COL_REAL) < 0)
        return PC_ERR_RUN;
    return PC_OK;
}

/* Radius rules by facility area need polygon facilities, straight or along the network. */
static int check_radius_rules(struct coverage *c)
{
    const struct pc_layer *fac = c->facilities;
    if (!c->def->radius.by_area || fac->n_polygonal == fac->n)
        return PC_OK;
    return pc_error(PC_ERR_USAGE,
                    "%s:%d: [indicator %s]: radius rules by facility area need "
                    "polygon facilities, but [layer %s] has %zu point or line features; give "
                    "one radius instead",
                    c->ev->plan->ini.path, pc_plan_key_line(c->def->section, "radius"), c->def->id,
                    fac->def->name, fac->n - fac->n_polygonal);
}

/* A pc_batch_fn: one batch of parcels against the straight-line service area. */
static int straight_batch(struct pc_eval *ev, const struct pc_layer *batch, size_t first,
                          void *data)
{
    struct coverage *c = data;
    int rc;
    (void)ev, (void)first;
    if ((rc = pc_coverage_clip_batch(c, batch, cover_straight, 0.2, 0.8)) == PC_OK &&
        (rc = append_gaps(c)) == PC_OK)
        rc = pc_coverage_tally_batch(c);
    pc_coverage_end_batch(c);
    return rc;
}

/* Straight-line coverage: the service area, then every parcel against it. */
static int cover_all_straight(struct coverage *c)
{
    int rc;
    double t0 = pc_seconds();
    if ((rc = build_service_area(c)) || (rc = pc_coverage_write_service_area(c, c->service)) ||
        (rc = create_gaps_table(c)))
        return rc;
    double t1 = pc_seconds();
    struct pc_progress measuring = pc_progress_slice(&c->ev->progress, 0.2, 1.0);
    if ((rc = pc_eval_each_batch(c->ev, c->def->layer, straight_batch, c,
                                 c->whole ? NULL : &measuring)) != PC_OK)
        return rc;
    pc_eval_notice(c->ev, 0,
                   "%s: %zu of %zu facilities of <%s> qualify (%zu below the smallest "
                   "area class); service area %.3f s, %zu parcels on %d threads %.3f s%s",
                   c->def->id, c->n_qualifying, c->facilities->n, c->def->facility->name,
                   c->n_too_small, t1 - t0, c->n_measured, pc_threads(), pc_seconds() - t1,
                   c->whole ? "" : " (reading them in batches included)");
    return PC_OK;
}

int pc_eval_coverage(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    struct coverage c = {
        .ev = ev,
        .def = def,
        .facilities = pc_eval_layer(ev, def->facility),
        .whole = !pc_eval_is_streamed(ev, def->layer),
    };
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s %zu facilities of <%s>", def->id,
             def->walk.along_network ? "reaching" : "buffering", c.facilities->n,
             def->facility->name);
    pc_progress_report(&ev->progress, 0, msg);
    int rc;
    if ((rc = pc_eval_regions(ev, def, &c.regions)) || (rc = check_radius_rules(&c)) ||
        (rc = pc_coverage_start(&c)) ||
        (rc = def->walk.along_network ? pc_coverage_network(&c) : cover_all_straight(&c)))
        goto done;
    if ((rc = pc_coverage_check_polygons(&c)) == PC_OK)
        rc = pc_coverage_emit(&c);
done:
    pc_coverage_free(&c);
    return rc;
}
