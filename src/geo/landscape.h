/* landscape.h: FRAGSTATS class metrics of vector patches, and the landscape expansion index
 * (LEI, Liu et al. 2010) of new patches. Formulas: docs/indicators.md. */
#ifndef PC_LANDSCAPE_H
#define PC_LANDSCAPE_H

#include <stddef.h>

#include "geo/geos_ctx.h"

/* FRAGSTATS class metrics of one class (built-up) in one landscape. */
struct pc_landscape_metrics {
    double ca_ha;        /* CA: total patch area, ha */
    size_t np;           /* NP: number of patches */
    double pd;           /* PD: patches per 100 ha of landscape; NaN without a landscape */
    double lpi;          /* LPI: largest patch as % of the landscape; NaN without one */
    double ed;           /* ED: edge length per landscape area, m/ha; NaN without one */
    double area_mn_ha;   /* AREA_MN: mean patch area, ha; NaN when NP = 0 */
    double area_am_ha;   /* AREA_AM: area-weighted mean patch area, ha; NaN when NP = 0 */
    double edge_m;       /* E: patch boundary not on the landscape boundary, m */
    double landscape_m2; /* A: landscape area, m2; NaN without one */
};

/* Computes the metrics of `patches`, a dissolved polygonal geometry whose polygons are the
 * patches (union first so touching polygons are one patch), inside `landscape` (the patches
 * must lie in it; NULL: no landscape, so PD, LPI and ED are NaN and every boundary is edge).
 * Both borrowed. Returns PC_OK or PC_ERR_RUN with pc_error(). */
int pc_landscape_metrics(struct pc_geos *g, const GEOSGeometry *patches,
                         const GEOSGeometry *landscape, struct pc_landscape_metrics *out);

/* Expansion types of a new patch by its LEI. */
enum pc_expansion { PC_EXP_INFILLING, PC_EXP_EDGE, PC_EXP_OUTLYING };

/* The type of a patch with index `lei`: > 50 infilling, (0, 50] edge, 0 outlying. */
enum pc_expansion pc_expansion_of(double lei);

/* Name of a type: "infilling", "edge" or "outlying". Static. */
const char *pc_expansion_name(enum pc_expansion e);

struct pc_subdivided;

/* *lei = 100 * area(old ∩ ring) / area(ring), where ring = buffer(patch, ring_m) − patch, with
 * quadsegs segments per quarter circle, and `old` the earlier built-up land cut into pieces
 * (pc_subdivide; the pieces' areas add up, as they overlap only along cuts). Returns PC_OK
 * or PC_ERR_RUN. */
int pc_lei_of(struct pc_geos *g, const struct pc_subdivided *old, const GEOSGeometry *patch,
              double ring_m, int quadsegs, double *lei);

#endif
