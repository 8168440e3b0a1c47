/* coverage.h: the state of one coverage indicator, shared by ind_coverage.c (straight-line
 * service areas), coverage_parcels.c (parcels batch by batch, sums by zone) and
 * coverage_network.c (distances along the street network).
 * Not for other modules. */
#ifndef PC_COVERAGE_H
#define PC_COVERAGE_H

#include <stddef.h>

#include "geo/geom.h"
#include "geo/subdivide.h"
#include "indicators/eval.h"
#include "indicators/region.h"

/* One measured feature, clipped to the scope. */
struct parcel {
    size_t feature;     /* index in the current batch of the measured layer */
    int kept;           /* the feature has area inside the scope */
    int polygonal;      /* the feature is a (multi)polygon, inside the scope or not */
    GEOSGeometry *part; /* the feature inside the scope: owned if owns_part */
    int owns_part;
    enum pc_relation cover; /* INSIDE: wholly covered; OUTSIDE: not at all; PARTIAL */
    GEOSGeometry *covered;  /* owned; the covered part when PARTIAL */
    GEOSGeometry *gap;      /* owned; the uncovered part until it moves to the gaps table */
    double area, covered_area;
    double pop_per_m2;  /* residents per m2 of the whole feature; 0 without population */
    double network_m;   /* along the network: distance to the nearest facility, NAN beyond
                           the largest radius */
    double connector_m; /* along the network: from the part's point to the nearest street */
};

/* What one thread measures parcels with: its GEOS context, and its own copies of the shared
 * geometries prepared in that context (prepared geometries must not be shared). */
struct coverage_thread {
    struct pc_geos *g;
    GEOSGeometry *scope, *service; /* owned copies; NULL: unbounded scope, no service area */
    const GEOSPreparedGeometry *scope_prep, *service_prep;
    struct pc_subdivided *service_pieces; /* owned: the service area cut into small pieces */
};

/* Sums of one region over the parcels measured so far. */
struct tally {
    double area, covered, pop, pop_covered;
};

struct coverage;
struct coverage_pool; /* per-thread states kept from batch to batch (coverage_parcels.c) */

/* What measures one parcel once it is clipped: may write only its parcel and must use t's
 * context and geometries. Returns PC_OK or an error. */
typedef int (*pc_cover_fn)(struct coverage *c, const struct coverage_thread *t, struct parcel *p);

struct coverage {
    struct pc_eval *ev;
    const struct pc_indicator_def *def;
    struct pc_layer *facilities;
    const struct pc_layer *measured; /* the current batch of the measured layer (borrowed) */
    const struct pc_regions *regions;
    GEOSGeometry *service; /* owned; union of all service areas, NULL if none */
    const GEOSPreparedGeometry *service_prep;
    size_t n_qualifying, n_too_small;
    struct parcel *parcels; /* owned; the current batch's kept parcels */
    size_t n_parcels, cap_parcels;
    size_t n_measured;              /* parcels kept in every batch so far */
    size_t n_features, n_polygonal; /* features read so far, and those with an area */
    int whole;          /* the measured layer is held: one batch, which reports progress */
    struct tally *sums; /* owned; [region]: [0] the scope, then the zones */
    struct pc_table *gaps;
    struct coverage_pool *pool; /* owned */
};

/* Sets up c's sums and thread pool (c's other fields set by the caller). Returns PC_OK or
 * PC_ERR_RUN. */
int pc_coverage_start(struct coverage *c);

/* Clips every feature of `batch` (borrowed until pc_coverage_end_batch) to the scope into
 * c->parcels (its part, area and residents per m2; features with no area inside are left
 * out, the others keep the batch's order), then calls cover on each kept parcel when cover
 * is not NULL. The features are shared among pc_threads() threads, each with its own
 * prepared copies of the scope and service area kept from batch to batch. Progress runs
 * from lo to hi of the indicator's when c->whole. Returns PC_OK, the first error of cover,
 * PC_ERR_RUN on a GEOS failure or when cancelled. */
int pc_coverage_clip_batch(struct coverage *c, const struct pc_layer *batch, pc_cover_fn cover,
                           double lo, double hi);

/* Adds the batch's parcels to c->sums: the scope whole, each zone from the parcels an STRtree
 * of the batch finds, whole where the zone contains them, else their parts inside it. Sums
 * follow the layer's order whatever the batch size, so figures do not depend on it. The
 * zones are summed on threads. Returns PC_OK or PC_ERR_RUN. */
int pc_coverage_tally_batch(struct coverage *c);

/* After the last batch: PC_ERR_USAGE naming the indicator's `layer` key when the layer had
 * features but none with an area (points or lines: coverage measures area), else PC_OK. */
int pc_coverage_check_polygons(const struct coverage *c);

/* Frees the batch's parcels (keeping the array for the next batch). */
void pc_coverage_end_batch(struct coverage *c);

/* Emits the scope row and one row per zone from c->sums. Returns PC_OK or PC_ERR_RUN. */
int pc_coverage_emit(struct coverage *c);

/* Frees what c owns: the batch, the sums, the pool and the service area. */
void pc_coverage_free(struct coverage *c);

/* Writes every polygon of `area` (borrowed; NULL: none) as a row of <id>_service_area with
 * its area_m2. Returns PC_OK or PC_ERR_RUN. */
int pc_coverage_write_service_area(struct coverage *c, const GEOSGeometry *area);

/* Along the street network: solves the walking distances from every facility once, then
 * batch by batch clips the measured features, gives each part its distance to the nearest
 * facility and marks it covered (cover INSIDE, covered_area = area) or not (OUTSIDE), writes
 * its rows of <id>_parcels and <id>_gaps (spilled to disk) and adds it to the sums; last
 * <id>_service_area. Returns PC_OK, PC_ERR_USAGE for an input that cannot serve (an empty
 * network), or PC_ERR_RUN. */
int pc_coverage_network(struct coverage *c);

#endif
