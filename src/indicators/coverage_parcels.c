/* coverage_parcels.c: the measured parcels of a coverage indicator, one batch at a time:
 * clipped to the scope on threads (each with prepared copies of the scope and service area,
 * kept from batch to batch in a pool), then added to the running sums of the scope and of
 * every zone, whose parcels an STRtree of the batch finds (DESIGN.md §3). Nothing but the
 * sums outlives a batch, so memory does not grow with the measured layer. */
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"
#include "geo/geom.h"
#include "geo/hits.h"
#include "geo/parallel.h"
#include "indicators/coverage.h"

/* STRtree node capacity: 10 measured best for parcel-sized items (DESIGN.md §3). */
#define PC_STRTREE_NODE_CAPACITY 10

/* Thread states made once and handed to the threads of every batch: subdividing and
 * preparing the service area costs more than measuring a small batch. A state is used by
 * one thread at a time; the contexts it was made in are gone by then, which GEOS allows
 * (parallel.h: contexts share one geometry factory). */
struct coverage_pool {
    pthread_mutex_t lock;
    struct coverage_thread *idle[PC_MAX_THREADS];
    size_t n_idle;
};

/* Clips feature i of c->measured to thread t's scope into *p (zeroed first): its part, area
 * and residents per m2. *kept is 0 when the feature has no area inside. */
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
    if (!(p->polygonal = pc_geom_is_polygonal(g, feature)))
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

/* The job of pc_coverage_clip_batch. */
struct clip_job {
    struct coverage *c;
    pc_cover_fn cover;
};

/* Copies `geom` into context g and prepares the copy. */
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

/* Frees a thread state, in any context g. */
static void thread_free(struct pc_geos *g, struct coverage_thread *t)
{
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

/* A new thread state in context g: copies of the scope and the service area (cut into pieces
 * when parcels are cut by it). */
static int thread_new(struct pc_geos *g, const struct clip_job *job, struct coverage_thread **out)
{
    const struct pc_region *scope = &job->c->regions->items[0];
    struct coverage_thread *t = calloc(1, sizeof *t);
    *out = NULL;
    if (t == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    t->g = g;
    int rc = PC_OK;
    if (!scope->unbounded && scope->prep != NULL)
        rc = copy_prepared(g, scope->geom, &t->scope, &t->scope_prep);
    if (rc == PC_OK)
        rc = copy_prepared(g, job->c->service, &t->service, &t->service_prep);
    if (rc == PC_OK && t->service != NULL && job->cover != NULL &&
        (t->service_pieces = pc_subdivide(g, t->service)) == NULL)
        rc = PC_ERR_RUN;
    if (rc != PC_OK) {
        thread_free(g, t);
        return rc;
    }
    *out = t;
    return PC_OK;
}

/* Takes an idle state from the pool, or makes one. */
static int clip_thread_start(struct pc_geos *g, void *data, void **state)
{
    struct clip_job *job = data;
    struct coverage_pool *pool = job->c->pool;
    struct coverage_thread *t = NULL;
    pthread_mutex_lock(&pool->lock);
    if (pool->n_idle > 0)
        t = pool->idle[--pool->n_idle];
    pthread_mutex_unlock(&pool->lock);
    if (t == NULL) {
        int rc = thread_new(g, job, &t);
        if (rc != PC_OK)
            return rc;
    }
    t->g = g; /* this batch's context */
    *state = t;
    return PC_OK;
}

/* Gives the state back to the pool for the next batch. */
static void clip_thread_finish(struct pc_geos *g, void *state, void *data)
{
    struct clip_job *job = data;
    struct coverage_pool *pool = job->c->pool;
    struct coverage_thread *t = state;
    if (t == NULL)
        return;
    pthread_mutex_lock(&pool->lock);
    int kept = pool->n_idle < PC_MAX_THREADS;
    if (kept)
        pool->idle[pool->n_idle++] = t;
    pthread_mutex_unlock(&pool->lock);
    if (!kept)
        thread_free(g, t);
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

int pc_coverage_start(struct coverage *c)
{
    c->sums = calloc(c->regions->n, sizeof *c->sums);
    c->pool = calloc(1, sizeof *c->pool);
    if (c->sums == NULL || c->pool == NULL) {
        free(c->pool);
        c->pool = NULL;
        return pc_error(PC_ERR_RUN, "out of memory");
    }
    pthread_mutex_init(&c->pool->lock, NULL);
    return PC_OK;
}

int pc_coverage_clip_batch(struct coverage *c, const struct pc_layer *batch, pc_cover_fn cover,
                           double lo, double hi)
{
    pc_coverage_end_batch(c);
    c->measured = batch;
    if (pc_reserve((void **)&c->parcels, &c->cap_parcels, batch->n ? batch->n : 1,
                   sizeof *c->parcels) != 0)
        return pc_error(PC_ERR_RUN, "out of memory");
    memset(c->parcels, 0, (batch->n ? batch->n : 1) * sizeof *c->parcels);
    /* every slot may own geometries until the kept ones are packed */
    c->n_parcels = batch->n;
    char msg[256];
    snprintf(msg, sizeof msg, "%s: measuring %zu features of <%s>", c->def->id, batch->n,
             batch->def->name);
    struct clip_job data = {c, cover};
    struct pc_parallel_job job = {
        .n = batch->n,
        .data = &data,
        .start = clip_thread_start,
        .item = clip_item,
        .finish = clip_thread_finish,
    };
    int rc = pc_parallel_run(&job, c->whole ? &c->ev->progress : NULL, lo, hi, msg);
    if (rc != PC_OK)
        return rc;
    size_t kept = 0;
    c->n_features += batch->n;
    for (size_t i = 0; i < batch->n; i++) {
        c->n_polygonal += (size_t)c->parcels[i].polygonal;
        if (c->parcels[i].kept)
            c->parcels[kept++] = c->parcels[i];
    }
    c->n_parcels = kept;
    c->n_measured += kept;
    return PC_OK;
}

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

static int by_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The zones of one batch, shared among threads: zone z (1 .. n-1) adds to c->sums[z]. */
struct zone_job {
    struct coverage *c;
    GEOSSTRtree *tree; /* the batch's parts, built before the threads start: read only */
};

/* Adds the batch's parcels in zone z, in batch order (with batches in layer order, a fixed
 * summing order). The zone is copied and prepared in this thread's context; parcels are only
 * read. */
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
    struct tally *t = &c->sums[z];
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

int pc_coverage_tally_batch(struct coverage *c)
{
    struct pc_eval *ev = c->ev;
    struct pc_geos *g = ev->g;
    for (size_t i = 0; i < c->n_parcels; i++)
        tally_whole(&c->sums[0], &c->parcels[i]);
    if (c->regions->n == 1 || c->n_parcels == 0)
        return PC_OK;
    struct zone_job job = {.c = c};
    job.tree = GEOSSTRtree_create_r(g->h, PC_STRTREE_NODE_CAPACITY);
    if (job.tree == NULL)
        return pc_geos_fail(g, "creating an STRtree");
    for (size_t i = 0; i < c->n_parcels; i++)
        GEOSSTRtree_insert_r(g->h, job.tree, c->parcels[i].part, pc_hits_item(i));
    /* GEOS builds an STRtree at its first query: build it here, not in two threads at once */
    struct pc_hits none = {0};
    GEOSSTRtree_query_r(g->h, job.tree, c->parcels[0].part, pc_hits_collect, &none);
    pc_hits_free(&none);
    struct pc_parallel_job zones = {
        .n = c->regions->n - 1, .chunk = 1, .data = &job, .item = sum_zone};
    char msg[256];
    snprintf(msg, sizeof msg, "%s: summing %zu zones", c->def->id, c->regions->n - 1);
    int rc = pc_parallel_run(&zones, c->whole ? &ev->progress : NULL, 0.8, 1.0, msg);
    GEOSSTRtree_destroy_r(g->h, job.tree);
    return rc;
}

int pc_coverage_check_polygons(const struct coverage *c)
{
    if (c->n_features == 0 || c->n_polygonal > 0)
        return PC_OK;
    return pc_error(PC_ERR_USAGE,
                    "%s:%d: [indicator %s]: layer <%s> has no polygons to measure (%zu point or "
                    "line features): coverage measures area, so give it a polygon layer",
                    c->ev->plan->ini.path, pc_plan_key_line(c->def->section, "layer"), c->def->id,
                    c->def->layer->name, c->n_features);
}

void pc_coverage_end_batch(struct coverage *c)
{
    struct pc_geos *g = c->ev->g;
    for (size_t i = 0; i < c->n_parcels; i++) {
        struct parcel *p = &c->parcels[i];
        if (p->owns_part)
            GEOSGeom_destroy_r(g->h, p->part);
        if (p->covered != NULL)
            GEOSGeom_destroy_r(g->h, p->covered);
        if (p->gap != NULL)
            GEOSGeom_destroy_r(g->h, p->gap);
    }
    c->n_parcels = 0;
    c->measured = NULL;
}

/* The measure of region sums t. */
static struct pc_measure tally_measure(const struct coverage *c, const struct tally *t)
{
    struct pc_measure m = pc_measure_none();
    m.numerator = t->covered;
    m.denominator = t->area;
    if (t->area > 0)
        m.value = 100.0 * t->covered / t->area;
    if (c->def->layer->population != NULL) {
        m.pop_numerator = t->pop_covered;
        m.pop_denominator = t->pop;
        if (t->pop > 0)
            m.pop_value = 100.0 * t->pop_covered / t->pop;
    }
    return m;
}

int pc_coverage_emit(struct coverage *c)
{
    int rc = PC_OK;
    for (size_t z = 0; z < c->regions->n && rc == PC_OK; z++) {
        struct pc_measure m = tally_measure(c, &c->sums[z]);
        rc = pc_eval_emit(c->ev, c->def, c->regions, z, &m);
    }
    return rc;
}

void pc_coverage_free(struct coverage *c)
{
    struct pc_geos *g = c->ev->g;
    pc_coverage_end_batch(c);
    free(c->parcels);
    free(c->sums);
    if (c->pool != NULL) {
        for (size_t i = 0; i < c->pool->n_idle; i++)
            thread_free(g, c->pool->idle[i]);
        pthread_mutex_destroy(&c->pool->lock);
        free(c->pool);
    }
    if (c->service_prep != NULL)
        GEOSPreparedGeom_destroy_r(g->h, c->service_prep);
    if (c->service != NULL)
        GEOSGeom_destroy_r(g->h, c->service);
}
