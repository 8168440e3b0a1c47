/* ind_coverage.c: kind `coverage`, the share of a layer's area (and population) inside the
 * service areas of facilities. Straight-line: one buffer per qualifying facility, one union
 * of all buffers, prepared once; each parcel is then contained (whole area), disjoint (none)
 * or intersected. Along the street network: coverage_network.c. Either way zones take their
 * parcels from an STRtree (DESIGN.md §3). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/geom.h"
#include "geo/union_parallel.h"
#include "geo/hits.h"
#include "geo/parallel.h"
#include "indicators/coverage.h"
#include "indicators/eval.h"
#include "indicators/kinds.h"

/* STRtree node capacity: 10 measured best for parcel-sized items (DESIGN.md §3). */
#define PC_STRTREE_NODE_CAPACITY 10

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

/* Appends the gap of every parcel that has one to the gaps layer, in the layer's order;
 * the table takes the geometries. */
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
    return PC_OK;
}

/* Clips feature i of the measured layer to thread t's scope into *p (zeroed first): its
 * part, area and residents per m2. *kept is 0 when the feature has no area inside. */
static int clip_parcel(struct coverage *c, const struct coverage_thread *t, size_t i,
                       struct parcel *p, int *kept)
{
    struct pc_geos *g = t->g;
    const struct pc_region *scope = &c->regions->items[0];
    const GEOSGeometry *feature = c->measured->geoms[i];
    int rc;
    *kept = 0;
    memset(p, 0, sizeof *p);
    p->feature = i;
    p->network_m = NAN;
    if (!pc_geom_is_polygonal(g, feature))
        return PC_OK; /* points and lines have no area to cover */
    double whole = pc_geom_area(g, feature);
    if (c->measured->population != NULL && whole > 0)
        p->pop_per_m2 = c->measured->population[i] / whole;

    enum pc_relation in_scope = PC_REL_INSIDE;
    if (!scope->unbounded) {
        if (t->scope_prep == NULL)
            return PC_OK;
        if ((rc = pc_geom_relate(g, t->scope_prep, feature, &in_scope)) != PC_OK)
            return rc;
    }
    if (in_scope == PC_REL_OUTSIDE)
        return PC_OK;
    if (in_scope == PC_REL_INSIDE) {
        p->part = (GEOSGeometry *)feature;
    } else {
        if ((rc = pc_geom_intersect_polygons(g, feature, t->scope, &p->part)) != PC_OK)
            return rc;
        if (p->part == NULL)
            return PC_OK;
        p->owns_part = 1;
    }
    *kept = 1;
    p->area = pc_geom_area(g, p->part);
    return PC_OK;
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

/* The job of pc_coverage_clip_all. */
struct clip_job {
    struct coverage *c;
    int (*cover)(struct coverage *, const struct coverage_thread *, struct parcel *);
};

/* Copies `geom` into t's context and prepares the copy. */
static int copy_prepared(struct pc_geos *g, const GEOSGeometry *geom, GEOSGeometry **copy,
                         const GEOSPreparedGeometry **prep)
{
    if (geom == NULL)
        return PC_OK;
    *copy = GEOSGeom_clone_r(g->h, geom);
    if (*copy == NULL)
        return pc_geos_fail(g, "copying a geometry for a thread");
    *prep = GEOSPrepare_r(g->h, *copy);
    return *prep ? PC_OK : pc_geos_fail(g, "preparing a geometry for a thread");
}

static int clip_thread_start(struct pc_geos *g, void *data, void **state)
{
    struct clip_job *job = data;
    const struct pc_region *scope = &job->c->regions->items[0];
    struct coverage_thread *t = calloc(1, sizeof *t);
    if (t == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    *state = t;
    t->g = g;
    int rc = PC_OK;
    if (!scope->unbounded && scope->prep != NULL)
        rc = copy_prepared(g, scope->geom, &t->scope, &t->scope_prep);
    if (rc == PC_OK)
        rc = copy_prepared(g, job->c->service, &t->service, &t->service_prep);
    if (rc == PC_OK && t->service != NULL && job->cover != NULL &&
        (t->service_pieces = pc_subdivide(g, t->service)) == NULL)
        rc = PC_ERR_RUN;
    return rc;
}

static void clip_thread_finish(struct pc_geos *g, void *state, void *data)
{
    struct coverage_thread *t = state;
    (void)data;
    if (t == NULL)
        return;
    pc_subdivided_free(g, t->service_pieces);
    if (t->scope_prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, t->scope_prep);
    if (t->service_prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, t->service_prep);
    if (t->scope != NULL)
        GEOSGeom_destroy_r(g->h, t->scope);
    if (t->service != NULL)
        GEOSGeom_destroy_r(g->h, t->service);
    free(t);
}

static int clip_item(struct pc_geos *g, void *state, size_t i, void *data)
{
    struct clip_job *job = data;
    struct parcel *p = &job->c->parcels[i];
    int kept;
    (void)g;
    int rc = clip_parcel(job->c, state, i, p, &kept);
    p->kept = kept;
    if (rc == PC_OK && kept && job->cover != NULL)
        rc = job->cover(job->c, state, p);
    return rc;
}

int pc_coverage_clip_all(struct coverage *c,
                         int (*cover)(struct coverage *, const struct coverage_thread *,
                                      struct parcel *),
                         double lo, double hi)
{
    const struct pc_layer *L = c->measured;
    c->parcels = calloc(L->n ? L->n : 1, sizeof *c->parcels);
    if (c->parcels == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    /* every slot may own geometries until the kept ones are packed */
    c->n_parcels = L->n;
    char msg[256];
    snprintf(msg, sizeof msg, "%s: measuring %zu features of <%s>", c->def->id, L->n, L->def->name);
    struct clip_job data = {c, cover};
    struct pc_parallel_job job = {
        .n = L->n,
        .data = &data,
        .start = clip_thread_start,
        .item = clip_item,
        .finish = clip_thread_finish,
    };
    int rc = pc_parallel_run(&job, &c->ev->progress, lo, hi, msg);
    if (rc != PC_OK)
        return rc;
    size_t kept = 0;
    for (size_t i = 0; i < L->n; i++)
        if (c->parcels[i].kept)
            c->parcels[kept++] = c->parcels[i];
    c->n_parcels = kept;
    return PC_OK;
}

/* Sums of one region. */
struct tally {
    double area, covered, pop, pop_covered;
};

static void tally_whole(struct tally *t, const struct parcel *p)
{
    t->area += p->area;
    t->covered += p->covered_area;
    t->pop += p->area * p->pop_per_m2;
    t->pop_covered += p->covered_area * p->pop_per_m2;
}

/* Adds the part of parcel p inside `zone` (which p crosses) to t, in context g. */
static int tally_partial(struct pc_geos *g, struct tally *t, const struct parcel *p,
                         const GEOSGeometry *zone)
{
    double area, covered = 0;
    int rc = pc_geom_intersection_area(g, p->part, zone, &area);
    if (rc == PC_OK && p->cover == PC_REL_INSIDE)
        covered = area;
    else if (rc == PC_OK && p->cover == PC_REL_PARTIAL)
        rc = pc_geom_intersection_area(g, p->covered, zone, &covered);
    t->area += area;
    t->covered += covered;
    t->pop += area * p->pop_per_m2;
    t->pop_covered += covered * p->pop_per_m2;
    return rc;
}

static struct pc_measure tally_measure(const struct coverage *c, const struct tally *t)
{
    struct pc_measure m = pc_measure_none();
    m.numerator = t->covered;
    m.denominator = t->area;
    if (t->area > 0)
        m.value = 100.0 * t->covered / t->area;
    if (c->measured->population != NULL) {
        m.pop_numerator = t->pop_covered;
        m.pop_denominator = t->pop;
        if (t->pop > 0)
            m.pop_value = 100.0 * t->pop_covered / t->pop;
    }
    return m;
}

static int by_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The zones of emit_regions, shared among threads: zone z (1 .. n-1) sums into sums[z]. */
struct zone_job {
    struct coverage *c;
    GEOSSTRtree *tree; /* the parcels' parts, built before the threads start: read only */
    struct tally *sums;
};

/* Sums zone z: the parcels the tree finds, in index order (a fixed summing order), whole
 * where the zone contains them, else their parts inside it. The zone is copied and
 * prepared in this thread's context; parcels are only read. */
static int sum_zone(struct pc_geos *g, void *state, size_t i, void *data)
{
    struct zone_job *job = data;
    struct coverage *c = job->c;
    size_t z = i + 1;
    const struct pc_region *zone = &c->regions->items[z];
    (void)state;
    if (zone->geom == NULL)
        return PC_OK;
    struct pc_hits hits = {0};
    GEOSGeometry *copy = NULL;
    const GEOSPreparedGeometry *prep = NULL;
    int rc = PC_OK;
    GEOSSTRtree_query_r(g->h, job->tree, zone->geom, pc_hits_collect, &hits);
    if (hits.failed)
        rc = pc_error(PC_ERR_RUN, "out of memory");
    if (rc == PC_OK && hits.n > 0) {
        qsort(hits.items, hits.n, sizeof *hits.items, by_index);
        copy = GEOSGeom_clone_r(g->h, zone->geom);
        prep = copy ? GEOSPrepare_r(g->h, copy) : NULL;
        if (prep == NULL)
            rc = pc_geos_fail(g, "preparing a zone for a thread");
    }
    struct tally *t = &job->sums[z];
    for (size_t k = 0; k < hits.n && rc == PC_OK; k++) {
        const struct parcel *p = &c->parcels[hits.items[k]];
        enum pc_relation rel;
        if ((rc = pc_geom_relate(g, prep, p->part, &rel)) != PC_OK)
            break;
        if (rel == PC_REL_INSIDE)
            tally_whole(t, p);
        else if (rel == PC_REL_PARTIAL)
            rc = tally_partial(g, t, p, copy);
    }
    if (prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, prep);
    if (copy != NULL)
        GEOSGeom_destroy_r(g->h, copy);
    pc_hits_free(&hits);
    return rc;
}

/* Emits the scope row, then one row per zone from the parcels an STRtree finds, the zones
 * summed on threads. */
static int emit_regions(struct coverage *c)
{
    struct pc_eval *ev = c->ev;
    struct pc_geos *g = ev->g;
    struct tally all = {0};
    for (size_t i = 0; i < c->n_parcels; i++)
        tally_whole(&all, &c->parcels[i]);
    struct pc_measure m = tally_measure(c, &all);
    int rc = pc_eval_emit(ev, c->def, c->regions, 0, &m);
    if (rc != PC_OK || c->regions->n == 1)
        return rc;

    struct zone_job job = {.c = c};
    job.tree = GEOSSTRtree_create_r(g->h, PC_STRTREE_NODE_CAPACITY);
    job.sums = calloc(c->regions->n, sizeof *job.sums);
    if (job.tree == NULL || job.sums == NULL) {
        rc = job.tree ? pc_error(PC_ERR_RUN, "out of memory")
                      : pc_geos_fail(g, "creating an STRtree");
        goto done;
    }
    for (size_t i = 0; i < c->n_parcels; i++)
        GEOSSTRtree_insert_r(g->h, job.tree, c->parcels[i].part, pc_hits_item(i));
    /* GEOS builds an STRtree at its first query: build it here, not in two threads at once */
    struct pc_hits none = {0};
    if (c->n_parcels > 0)
        GEOSSTRtree_query_r(g->h, job.tree, c->parcels[0].part, pc_hits_collect, &none);
    pc_hits_free(&none);
    struct pc_parallel_job zones = {
        .n = c->regions->n - 1, .chunk = 1, .data = &job, .item = sum_zone};
    char msg[256];
    snprintf(msg, sizeof msg, "%s: summing %zu zones", c->def->id, c->regions->n - 1);
    if ((rc = pc_parallel_run(&zones, &ev->progress, 0.8, 1.0, msg)) != PC_OK)
        goto done;
    for (size_t z = 1; z < c->regions->n && rc == PC_OK; z++) {
        m = tally_measure(c, &job.sums[z]);
        rc = pc_eval_emit(ev, c->def, c->regions, z, &m);
    }
done:
    free(job.sums);
    if (job.tree != NULL)
        GEOSSTRtree_destroy_r(g->h, job.tree);
    return rc;
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

static void coverage_free(struct coverage *c)
{
    struct pc_geos *g = c->ev->g;
    for (size_t i = 0; i < c->n_parcels; i++) {
        if (c->parcels[i].owns_part)
            GEOSGeom_destroy_r(g->h, c->parcels[i].part);
        if (c->parcels[i].covered != NULL)
            GEOSGeom_destroy_r(g->h, c->parcels[i].covered);
        if (c->parcels[i].gap != NULL)
            GEOSGeom_destroy_r(g->h, c->parcels[i].gap);
    }
    free(c->parcels);
    if (c->service_prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, c->service_prep);
    if (c->service != NULL)
        GEOSGeom_destroy_r(g->h, c->service);
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

/* Straight-line coverage: the service area, then every parcel against it. */
static int cover_all_straight(struct coverage *c)
{
    int rc;
    double t0 = pc_seconds();
    if ((rc = build_service_area(c)) || (rc = pc_coverage_write_service_area(c, c->service)) ||
        (rc = create_gaps_table(c)))
        return rc;
    double t1 = pc_seconds();
    if ((rc = pc_coverage_clip_all(c, cover_straight, 0.2, 0.8)) || (rc = append_gaps(c)))
        return rc;
    pc_eval_notice(c->ev, 0,
                   "%s: %zu of %zu facilities of <%s> qualify (%zu below the smallest "
                   "area class); service area %.3f s, %zu parcels on %d threads %.3f s",
                   c->def->id, c->n_qualifying, c->facilities->n, c->def->facility->name,
                   c->n_too_small, t1 - t0, c->n_parcels, pc_threads(), pc_seconds() - t1);
    return PC_OK;
}

int pc_eval_coverage(struct pc_eval *ev, const struct pc_indicator_def *def)
{
    struct coverage c = {
        .ev = ev,
        .def = def,
        .facilities = pc_eval_layer(ev, def->facility),
        .measured = pc_eval_layer(ev, def->layer),
    };
    char msg[256];
    snprintf(msg, sizeof msg, "%s: %s %zu facilities of <%s>", def->id,
             def->walk.along_network ? "reaching" : "buffering", c.facilities->n,
             def->facility->name);
    pc_progress_report(&ev->progress, 0, msg);
    int rc;
    if ((rc = pc_eval_regions(ev, def, &c.regions)) || (rc = check_radius_rules(&c)) ||
        (rc = def->walk.along_network ? pc_coverage_network(&c) : cover_all_straight(&c)))
        goto done;
    rc = emit_regions(&c);
done:
    coverage_free(&c);
    return rc;
}
