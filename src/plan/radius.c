/* radius.c: parsing and applying service radius rules by facility area. */
#include "plan/radius.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/util.h"

/* The largest service radius: a city's whole extent. Beyond it a buffer has no meaning and
 * GEOS arithmetic overflows (a radius of 1e308 m made NaN coordinates). */
#define PC_RADIUS_MAX_M   1000000.0
#define PC_RADIUS_MAX_MIN 6000.0

static int by_area_descending(const void *a, const void *b)
{
    const struct pc_radius_rule *x = a, *y = b;
    return (x->min_area_m2 < y->min_area_m2) - (x->min_area_m2 > y->min_area_m2);
}

/* Parses one trimmed positive number; 0 or -1. */
static int parse_positive(const char *text, double *out, int allow_zero)
{
    char *t = pc_strtrim(text);
    int rc = t != NULL && pc_parse_double(t, out) == 0 && (*out > 0 || (allow_zero && *out == 0))
                 ? 0
                 : -1;
    free(t);
    return rc;
}

/* Parses "N", "N m", "N km" or "N min" into rule->radius_m or rule->minutes; 0 or -1. */
static int parse_distance(const char *text, struct pc_radius_rule *rule)
{
    char *t = pc_strtrim(text);
    int rc = -1;
    if (t == NULL)
        return -1;
    size_t n = strlen(t);
    static const struct {
        const char *unit;
        double metres; /* 0: minutes */
    } units[] = {{"km", 1000}, {"min", 0}, {"m", 1}};
    double scale = 1;
    int minutes = 0;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        size_t k = strlen(units[i].unit);
        if (n > k && strcmp(t + n - k, units[i].unit) == 0) {
            t[n - k] = '\0';
            scale = units[i].metres;
            minutes = units[i].metres == 0;
            break;
        }
    }
    double v;
    if (parse_positive(t, &v, 0) == 0) {
        if (minutes)
            rule->minutes = v;
        else
            rule->radius_m = v * scale;
        rc = 0;
    }
    free(t);
    return rc;
}

int pc_radius_parse(const char *text, struct pc_radius *r, char *why, size_t why_size)
{
    memset(r, 0, sizeof *r);
    char *copy = pc_strdup(text);
    size_t cap = 0;
    int rc = -1;
    if (copy == NULL) {
        snprintf(why, why_size, "out of memory");
        goto done;
    }
    r->by_area = strchr(copy, ':') != NULL;
    char *save = NULL;
    for (char *item = strtok_r(copy, ",", &save); item; item = strtok_r(NULL, ",", &save)) {
        struct pc_radius_rule rule = {0};
        while (*item == ' ' || *item == '\t')
            item++;
        char *colon = strchr(item, ':');
        if (r->by_area && colon == NULL) {
            snprintf(why, why_size, "'%s' is not AREA:RADIUS", item);
            goto done;
        }
        if (colon != NULL) {
            *colon = '\0';
            if (parse_positive(item, &rule.min_area_m2, 1) != 0) {
                snprintf(why, why_size, "facility area '%s' is not a number >= 0 (m2)", item);
                goto done;
            }
        } else if (r->n > 0) {
            snprintf(why, why_size, "give one radius, or AREA:RADIUS rules");
            goto done;
        }
        const char *radius_text = colon ? colon + 1 : item;
        if (parse_distance(radius_text, &rule) != 0) {
            snprintf(why, why_size,
                     "radius '%s' is not a positive distance (500, 500 m, 0.5 km or 10 min)",
                     radius_text);
            goto done;
        }
        if (rule.radius_m > PC_RADIUS_MAX_M || rule.minutes > PC_RADIUS_MAX_MIN) {
            snprintf(why, why_size, "radius '%s' is more than %g km or %g min", radius_text,
                     PC_RADIUS_MAX_M / 1000, PC_RADIUS_MAX_MIN);
            goto done;
        }
        if (rule.minutes > 0)
            r->in_minutes = 1;
        for (size_t i = 0; i < r->n; i++) {
            if (r->rules[i].min_area_m2 == rule.min_area_m2) {
                snprintf(why, why_size, "facility area %g is given twice", rule.min_area_m2);
                goto done;
            }
        }
        if (pc_reserve((void **)&r->rules, &cap, r->n + 1, sizeof *r->rules) != 0) {
            snprintf(why, why_size, "out of memory");
            goto done;
        }
        r->rules[r->n++] = rule;
    }
    if (r->n == 0) {
        snprintf(why, why_size, "no radius given");
        goto done;
    }
    qsort(r->rules, r->n, sizeof *r->rules, by_area_descending);
    rc = 0;
done:
    free(copy);
    if (rc != 0)
        pc_radius_free(r);
    return rc;
}

double pc_radius_for_area(const struct pc_radius *r, double area_m2)
{
    if (!r->by_area)
        return r->rules[0].radius_m;
    for (size_t i = 0; i < r->n; i++)
        if (area_m2 >= r->rules[i].min_area_m2)
            return r->rules[i].radius_m;
    return -1.0;
}

double pc_radius_max(const struct pc_radius *r)
{
    double m = 0;
    for (size_t i = 0; i < r->n; i++)
        if (r->rules[i].radius_m > m)
            m = r->rules[i].radius_m;
    return m;
}

void pc_radius_set_speed(struct pc_radius *r, double m_per_min)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->rules[i].minutes > 0)
            r->rules[i].radius_m = r->rules[i].minutes * m_per_min;
}

void pc_radius_free(struct pc_radius *r)
{
    if (r == NULL)
        return;
    free(r->rules);
    memset(r, 0, sizeof *r);
}
