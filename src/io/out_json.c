/* out_json.c: the results as one JSON document (jansson), the same rows as indicator_results. */
#include "io/out_json.h"

#include <jansson.h>
#include <math.h>

#include "core/error.h"
#include "indicators/kinds.h"

/* Significant digits of reals: enough for m2 areas of a district to the cm2, and no
 * binary noise such as 78.420000000000002. */
#define PC_JSON_REAL_DIGITS 15

static json_t *number_or_null(double v)
{
    return isnan(v) ? json_null() : json_real(v);
}

static json_t *string_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

static json_t *result_json(const struct pc_result *r)
{
    const struct pc_indicator_def *d = r->def;
    json_t *target = json_null();
    if (r->target != NULL)
        target = json_pack("{s:s, s:f, s:s}", "op", pc_cmp_name(r->target->op), "value",
                           r->target->value, "unit", pc_unit_name(r->target->unit));
    json_t *population = json_null();
    if (!isnan(r->pop_denominator))
        population = json_pack("{s:o, s:o, s:o}", "value", number_or_null(r->pop_value),
                               "numerator", number_or_null(r->pop_numerator), "denominator",
                               number_or_null(r->pop_denominator));
    char period[32];
    json_t *period_json =
        pc_result_period(r, period, sizeof period) ? json_string(period) : json_null();
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o, s:o, "
                     "s:s, s:o, s:o, s:o}",
                     "id", d->id, "kind", d->kind->name, "title", d->title, "scope",
                     string_or_null(d->scope ? d->scope->name : NULL), "zones",
                     string_or_null(d->zones ? d->zones->name : NULL), "zone",
                     string_or_null(r->zone), "measure", string_or_null(r->measure), "period",
                     period_json, "value", number_or_null(r->value), "unit", pc_unit_name(r->unit),
                     "numerator", number_or_null(r->numerator), "denominator",
                     number_or_null(r->denominator), "population", population, "target", target,
                     "status", pc_verdict_name(r->status), "year",
                     d->year ? json_integer(d->year) : json_null(), "source",
                     string_or_null(d->source), "quote", string_or_null(d->quote));
}

int pc_json_write(FILE *out, const struct pc_plan *plan, const char *database,
                  const struct pc_results *rs)
{
    json_t *results = json_array();
    for (size_t i = 0; results != NULL && i < rs->n; i++) {
        json_t *row = result_json(&rs->rows[i]);
        if (row == NULL || json_array_append_new(results, row) != 0) {
            json_decref(results);
            results = NULL;
        }
    }
    json_t *doc = results == NULL ? NULL
                                  : json_pack("{s:s, s:{s:s, s:o, s:s, s:s}, s:o, s:o}",
                                              "plancheck", PLANCHECK_VERSION, "plan", "name",
                                              plan->name, "title", string_or_null(plan->title),
                                              "file", plan->ini.path, "crs", plan->crs, "database",
                                              string_or_null(database), "results", results);
    if (doc == NULL)
        return pc_error(PC_ERR_RUN, "cannot build the JSON document (out of memory, or text "
                                    "that is not UTF-8)");
    int rc = json_dumpf(doc, out, JSON_INDENT(2) | JSON_REAL_PRECISION(PC_JSON_REAL_DIGITS));
    json_decref(doc);
    if (rc != 0 || fputc('\n', out) == EOF || ferror(out))
        return pc_error(PC_ERR_RUN, "cannot write the JSON document: write error");
    return PC_OK;
}
