/* radius.h: service radius rules, one radius or radii by facility area ("5000:500, 2000:300"). */
#ifndef PC_RADIUS_H
#define PC_RADIUS_H

#include <stddef.h>

struct pc_radius_rule {
    double min_area_m2; /* facilities of at least this area ... */
    double radius_m;    /* ... serve this far (after pc_radius_set_speed for minutes) */
    double minutes;     /* > 0: the radius was given as a walk of this many minutes */
};

struct pc_radius {
    int by_area;                  /* 0: rules[0].radius_m for every facility */
    int in_minutes;               /* some rule is in minutes: radius_m waits for the speed */
    size_t n;                     /* number of rules, at least 1 */
    struct pc_radius_rule *rules; /* owned; sorted by min_area_m2, largest first */
};

/* Parses a radius: one positive distance, or comma-separated AREA:RADIUS pairs (area in m2
 * at least). A distance is a number of metres, optionally followed by "m" or "km", or a walk
 * of "N min" (converted by pc_radius_set_speed). Returns 0 and fills *r (free with
 * pc_radius_free), or -1 with a reason in why[why_size]. */
int pc_radius_parse(const char *text, struct pc_radius *r, char *why, size_t why_size);

/* Sets the radius of every rule given in minutes to minutes * m_per_min metres. */
void pc_radius_set_speed(struct pc_radius *r, double m_per_min);

/* Radius in metres for a facility of `area_m2`, or a negative number when the facility is
 * below the smallest class and does not qualify. */
double pc_radius_for_area(const struct pc_radius *r, double area_m2);

/* The largest radius of r, in metres. */
double pc_radius_max(const struct pc_radius *r);

/* Releases what r owns and zeroes it; NULL is fine. */
void pc_radius_free(struct pc_radius *r);

#endif
