/* coverage.h: the state of one coverage indicator, shared by ind_coverage.c (parcels, zones,
 * straight-line service areas) and coverage_network.c (distances along the street network).
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
    size_t feature;     /* index in the measured layer */
    int kept;           /* the feature has area inside the scope */
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

struct coverage {
    struct pc_eval *ev;
    const struct pc_indicator_def *def;
    struct pc_layer *facilities, *measured;
    const struct pc_regions *regions;
    GEOSGeometry *service; /* owned; union of all service areas, NULL if none */
    const GEOSPreparedGeometry *service_prep;
    size_t n_qualifying, n_too_small;
    struct parcel *parcels;
    size_t n_parcels;
    struct pc_table *gaps;
};

/* Clips every feature of the measured layer to the scope into c->parcels (its part, area
 * and residents per m2; features with no area inside are left out, the others keep the
 * layer's order), then calls cover(c, t, p) on each kept parcel when cover is not NULL. The
 * features are shared among pc_threads() threads: cover may write only its parcel and must
 * use t's context and geometries. Progress runs from lo to hi. Returns PC_OK, the first
 * error of cover, PC_ERR_RUN on a GEOS failure or when cancelled. */
int pc_coverage_clip_all(struct coverage *c,
                         int (*cover)(struct coverage *, const struct coverage_thread *,
                                      struct parcel *),
                         double lo, double hi);

/* Writes every polygon of `area` (borrowed; NULL: none) as a row of <id>_service_area with
 * its area_m2. Returns PC_OK or PC_ERR_RUN. */
int pc_coverage_write_service_area(struct coverage *c, const GEOSGeometry *area);

/* Along the street network: clips every measured feature into c->parcels, measures each
 * part's distance to the nearest facility, marks it covered (cover INSIDE, covered_area =
 * area) or not (OUTSIDE), and writes the layers <id>_parcels, <id>_gaps and
 * <id>_service_area. Returns PC_OK, PC_ERR_USAGE for an input that cannot serve (an empty
 * network), or PC_ERR_RUN. */
int pc_coverage_network(struct coverage *c);

#endif
