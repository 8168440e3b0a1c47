/* conflict.h: pieces of a layer in conflict with another (kinds overlap and outside): each
 * piece is one polygon of the conflict with the features it comes from; pieces smaller
 * than the sliver tolerance are boundary noise, reported apart. */
#ifndef PC_CONFLICT_H
#define PC_CONFLICT_H

#include <stddef.h>

#include "indicators/eval.h"

/* Index of the other side's feature of a piece of kind outside: there is none. */
#define PC_NO_FEATURE ((size_t)-1)

struct pc_piece {
    GEOSGeometry *geom; /* owned: one polygon */
    double area;        /* m2, of the whole piece before clipping to the scope */
    size_t a;           /* feature of the measured layer */
    size_t b;           /* feature of the other layer, or PC_NO_FEATURE */
    int noise;          /* area below the sliver tolerance */
};

struct pc_pieces {
    size_t n, cap;
    struct pc_piece *items;
};

/* Adds each polygon of geom (taken: destroyed here) as a piece of features a and b, noise
 * when smaller than `sliver` m2. Returns PC_OK or PC_ERR_RUN. */
int pc_pieces_add(struct pc_geos *g, struct pc_pieces *ps, GEOSGeometry *geom, size_t a, size_t b,
                  double sliver);

/* Sets *skip when geom is not polygonal or lies wholly outside the scope region. Returns
 * PC_OK or PC_ERR_RUN. */
int pc_conflict_skip(struct pc_geos *g, const struct pc_region *scope, const GEOSGeometry *geom,
                     int *skip);

/* Frees the pieces' geometries and the array; zeroes *ps. */
void pc_pieces_free(struct pc_geos *g, struct pc_pieces *ps);

/* Turns pieces (taken: freed here) into the indicator's rows for the scope and each zone
 * (the conflict area, its number of pieces, the noise area and its pieces) and into two
 * layers `<id>_<what>` and `<id>_noise`: each piece clipped to the scope, with its area,
 * zone, and the attributes of both features (columns prefixed by the source names).
 * Layer b may be NULL (outside). Returns PC_OK or an error code. */
int pc_conflict_report(struct pc_eval *ev, const struct pc_indicator_def *def,
                       const struct pc_regions *regions, struct pc_pieces *ps,
                       const struct pc_layer *a, const struct pc_layer *b, const char *what);

#endif
