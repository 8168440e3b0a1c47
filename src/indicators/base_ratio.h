/* base_ratio.h: evaluating kinds that measure a quantity per unit of base area. */
#ifndef PC_BASE_RATIO_H
#define PC_BASE_RATIO_H

#include "geo/subdivide.h"
#include "indicators/eval.h"

/* Measures the numerator of a ratio inside `base` (borrowed) into *out; PC_OK or an error. */
typedef int (*pc_base_measure_fn)(struct pc_geos *g, const GEOSGeometry *base, void *data,
                                  double *out);

/* For the scope and each zone of def: base = the `within` layer in the region, or the region;
 * value = scale × measure(base) ÷ area(base) (NaN without base area); emits the rows. Returns
 * PC_OK or the first error. */
int pc_eval_base_ratio(struct pc_eval *ev, const struct pc_indicator_def *def,
                       pc_base_measure_fn measure, void *data, double scale);

/* The base of one region while a layer streams past it. */
struct pc_base {
    const GEOSGeometry *geom;         /* borrowed or owned (see owned); NULL: no base */
    GEOSGeometry *owned;              /* owned, or NULL */
    const GEOSPreparedGeometry *prep; /* owned; NULL without a base */
    struct pc_subdivided *pieces;     /* owned; made on first need by the measure */
    double area;
    double sum; /* the numerator so far */
};

/* Adds what the features of `batch` measure inside each of bases[0..n-1] that has a geometry
 * to its sum, in batch order. Returns PC_OK or an error. */
typedef int (*pc_base_batch_fn)(struct pc_geos *g, struct pc_base *bases, size_t n,
                                const struct pc_layer *batch, void *data);

/* As pc_eval_base_ratio, with the numerator summed over the features of def's `layer` batch
 * by batch (pc_eval_each_batch): every region's base is made first, then each batch is
 * measured against every base, so a streamed layer is read once. after(data) (may be NULL)
 * runs after the last batch and before any row is emitted, to refuse what the pass saw.
 * Returns PC_OK or the first error. */
int pc_eval_base_ratio_batches(struct pc_eval *ev, const struct pc_indicator_def *def,
                               pc_base_batch_fn measure, int (*after)(void *data), void *data,
                               double scale);

#endif
