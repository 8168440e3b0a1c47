/* out_json.h: the results as one JSON document. */
#ifndef PC_OUT_JSON_H
#define PC_OUT_JSON_H

#include <stdio.h>

#include "indicators/result.h"
#include "plan/plan.h"

/* Writes {"plancheck", "plan", "database", "results": [...]} to out; database may be NULL.
 * Undefined numbers are null. Returns PC_OK or PC_ERR_RUN. */
int pc_json_write(FILE *out, const struct pc_plan *plan, const char *database,
                  const struct pc_results *rs);

#endif
