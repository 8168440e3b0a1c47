/* target.h: indicator targets "OP NUMBER UNIT" and the units values are reported in. */
#ifndef PC_TARGET_H
#define PC_TARGET_H

enum pc_unit {
    PC_UNIT_NONE = 0,
    PC_UNIT_PERCENT,
    PC_UNIT_KM2,
    PC_UNIT_HA,
    PC_UNIT_M2,
    PC_UNIT_MU, /* 亩: 10000/15 m2 */
    PC_UNIT_M2_PER_PERSON,
    PC_UNIT_KM_PER_KM2,
    PC_UNIT_COUNT,
    PC_UNIT_PER_100HA, /* patch density (FRAGSTATS PD): reported, not a target unit */
    PC_UNIT_M_PER_HA,  /* edge density (FRAGSTATS ED): reported, not a target unit */
};

/* What a unit measures; only units of one family compare. */
enum pc_unit_family {
    PC_FAMILY_NONE = 0,
    PC_FAMILY_PERCENT,
    PC_FAMILY_AREA,
    PC_FAMILY_PER_CAPITA,
    PC_FAMILY_DENSITY,
    PC_FAMILY_COUNT,
};

enum pc_cmp { PC_CMP_GE, PC_CMP_GT, PC_CMP_LE, PC_CMP_LT, PC_CMP_EQ };

enum pc_verdict { PC_STATUS_NONE = 0, PC_STATUS_PASS, PC_STATUS_FAIL };

struct pc_target {
    int set; /* 0: the indicator has no target */
    enum pc_cmp op;
    double value;
    enum pc_unit unit;
};

/* Parses "OP NUMBER UNIT" (">= 90 %", "<=1600 ha", "≥ 12 m2/person"). Returns 0 and fills *t,
 * or -1 with a reason (static string) in *why. */
int pc_target_parse(const char *text, struct pc_target *t, const char **why);

/* Unit by name ("%", "km2", "km²", "ha", "m2", "mu", "亩", ...); PC_UNIT_NONE if unknown. */
enum pc_unit pc_unit_parse(const char *name);

/* Canonical ASCII name of a unit ("km2"); "" for PC_UNIT_NONE. Static string. */
const char *pc_unit_name(enum pc_unit u);

/* Family of a unit. */
enum pc_unit_family pc_unit_family(enum pc_unit u);

/* Square metres in one unit of an area unit; 0 for other units. */
double pc_unit_m2(enum pc_unit u);

/* Operator text (">="); static string. */
const char *pc_cmp_name(enum pc_cmp op);

/* pass or fail of `value` against t; PC_STATUS_NONE if t is unset or value is NaN.
 * `value` must be in t->unit. */
enum pc_verdict pc_target_check(const struct pc_target *t, double value);

/* "pass", "fail" or "none"; static string. */
const char *pc_verdict_name(enum pc_verdict s);

#endif
