/* target.c: parsing targets and units, and judging a value against its target. */
#include "plan/target.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

struct unit_name {
    const char *name;
    enum pc_unit unit;
};

/* Accepted spellings; the first of each unit is its canonical name. */
static const struct unit_name unit_names[] = {
    {"%", PC_UNIT_PERCENT},
    {"km2", PC_UNIT_KM2},
    {"km²", PC_UNIT_KM2},
    {"ha", PC_UNIT_HA},
    {"m2", PC_UNIT_M2},
    {"m²", PC_UNIT_M2},
    {"mu", PC_UNIT_MU},
    {"亩", PC_UNIT_MU},
    {"m2/person", PC_UNIT_M2_PER_PERSON},
    {"m²/person", PC_UNIT_M2_PER_PERSON},
    {"km/km2", PC_UNIT_KM_PER_KM2},
    {"km/km²", PC_UNIT_KM_PER_KM2},
    {"count", PC_UNIT_COUNT},
    {"/100ha", PC_UNIT_PER_100HA},
    {"m/ha", PC_UNIT_M_PER_HA},
};

enum pc_unit pc_unit_parse(const char *name)
{
    for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++)
        if (strcmp(name, unit_names[i].name) == 0)
            return unit_names[i].unit;
    return PC_UNIT_NONE;
}

const char *pc_unit_name(enum pc_unit u)
{
    for (size_t i = 0; i < sizeof unit_names / sizeof unit_names[0]; i++)
        if (unit_names[i].unit == u)
            return unit_names[i].name;
    return "";
}

enum pc_unit_family pc_unit_family(enum pc_unit u)
{
    switch (u) {
    case PC_UNIT_PERCENT:
        return PC_FAMILY_PERCENT;
    case PC_UNIT_KM2:
    case PC_UNIT_HA:
    case PC_UNIT_M2:
    case PC_UNIT_MU:
        return PC_FAMILY_AREA;
    case PC_UNIT_M2_PER_PERSON:
        return PC_FAMILY_PER_CAPITA;
    case PC_UNIT_KM_PER_KM2:
        return PC_FAMILY_DENSITY;
    case PC_UNIT_COUNT:
        return PC_FAMILY_COUNT;
    case PC_UNIT_NONE:
    case PC_UNIT_PER_100HA:
    case PC_UNIT_M_PER_HA:
        break;
    }
    return PC_FAMILY_NONE;
}

double pc_unit_m2(enum pc_unit u)
{
    switch (u) {
    case PC_UNIT_KM2:
        return 1e6;
    case PC_UNIT_HA:
        return 1e4;
    case PC_UNIT_M2:
        return 1.0;
    case PC_UNIT_MU:
        return 10000.0 / 15.0; /* 1 亩 = 1/15 ha */
    default:
        return 0.0;
    }
}

static const char *const cmp_names[] = {">=", ">", "<=", "<", "="};

const char *pc_cmp_name(enum pc_cmp op)
{
    return cmp_names[op];
}

/* Reads the operator at *p, advancing it. Returns 0, or -1 if there is none. */
static int parse_op(const char **p, enum pc_cmp *op)
{
    static const struct {
        const char *text;
        enum pc_cmp op;
    } ops[] = {{">=", PC_CMP_GE}, {"≥", PC_CMP_GE}, {"<=", PC_CMP_LE}, {"≤", PC_CMP_LE},
               {">", PC_CMP_GT},  {"<", PC_CMP_LT}, {"==", PC_CMP_EQ}, {"=", PC_CMP_EQ}};
    for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        size_t n = strlen(ops[i].text);
        if (strncmp(*p, ops[i].text, n) == 0) {
            *op = ops[i].op;
            *p += n;
            return 0;
        }
    }
    return -1;
}

int pc_target_parse(const char *text, struct pc_target *t, const char **why)
{
    const char *p = text;
    memset(t, 0, sizeof *t);
    while (isspace((unsigned char)*p))
        p++;
    if (parse_op(&p, &t->op) != 0) {
        *why = "expected an operator >=, >, <=, < or = first";
        return -1;
    }
    while (isspace((unsigned char)*p))
        p++;
    char *end;
    t->value = strtod(p, &end);
    if (end == p || !isfinite(t->value)) {
        *why = "expected a number after the operator";
        return -1;
    }
    p = end;
    while (isspace((unsigned char)*p))
        p++;
    char *unit = pc_strtrim(p);
    if (unit == NULL) {
        *why = "out of memory";
        return -1;
    }
    t->unit = pc_unit_parse(unit);
    free(unit);
    if (t->unit == PC_UNIT_NONE) {
        *why = "expected a unit: %, km2, ha, m2, mu, m2/person, km/km2 or count";
        return -1;
    }
    t->set = 1;
    return 0;
}

enum pc_verdict pc_target_check(const struct pc_target *t, double value)
{
    if (!t->set || isnan(value))
        return PC_STATUS_NONE;
    int ok = 0;
    switch (t->op) {
    case PC_CMP_GE:
        ok = value >= t->value;
        break;
    case PC_CMP_GT:
        ok = value > t->value;
        break;
    case PC_CMP_LE:
        ok = value <= t->value;
        break;
    case PC_CMP_LT:
        ok = value < t->value;
        break;
    case PC_CMP_EQ:
        ok = value == t->value;
        break;
    }
    return ok ? PC_STATUS_PASS : PC_STATUS_FAIL;
}

const char *pc_verdict_name(enum pc_verdict s)
{
    switch (s) {
    case PC_STATUS_PASS:
        return "pass";
    case PC_STATUS_FAIL:
        return "fail";
    default:
        return "none";
    }
}
