/* out_report.h: the readable results table for stdout. */
#ifndef PC_OUT_REPORT_H
#define PC_OUT_REPORT_H

#include <stdio.h>

#include "indicators/result.h"
#include "plan/plan.h"

/* Writes the results as an aligned table (zones indented under their scope row), then one
 * line per indicator with its title, target, year and cited source. Returns PC_OK or
 * PC_ERR_RUN on a write error. */
int pc_report_write(FILE *out, const struct pc_plan *plan, const struct pc_results *rs);

#endif
