/* base_ratio.h: evaluating kinds that measure a quantity per unit of base area. */
#ifndef PC_BASE_RATIO_H
#define PC_BASE_RATIO_H

#include "indicators/eval.h"

/* Measures the numerator of a ratio inside `base` (borrowed) into *out; PC_OK or an error. */
typedef int (*pc_base_measure_fn)(struct pc_geos *g, const GEOSGeometry *base, void *data,
                                  double *out);

/* For the scope and each zone of def: base = the `within` layer in the region, or the region;
 * value = scale × measure(base) ÷ area(base) (NaN without base area); emits the rows. Returns
 * PC_OK or the first error. */
int pc_eval_base_ratio(struct pc_eval *ev, const struct pc_indicator_def *def,
                       pc_base_measure_fn measure, void *data, double scale);

#endif
