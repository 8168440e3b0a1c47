/* style.c: the table of styles (name, group, order, file), and the colour tables of a
 * styles folder. */
#include "map/style.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"

#ifndef PLANCHECK_STYLES_DIR
#define PLANCHECK_STYLES_DIR "styles"
#endif

/* Everything known about a style; indexed by enum pc_style. */
static const struct style_info {
    const char *name;
    enum pc_map_group group;
    int rank;    /* order inside the group, top first */
    int visible; /* shown when the project opens */
} styles[PC_STYLE_COUNT] = {
    [PC_STYLE_BOUNDARY] = {"boundary", PC_GROUP_BASE, 0, 1},
    [PC_STYLE_SCOPE] = {"scope", PC_GROUP_BASE, 1, 1},
    [PC_STYLE_ZONES] = {"zones", PC_GROUP_BASE, 2, 1},
    [PC_STYLE_LANDUSE] = {"landuse", PC_GROUP_BASE, 3, 1},
    [PC_STYLE_LANDUSE_RASTER] = {"landuse_raster", PC_GROUP_BASE, 4, 0},
    [PC_STYLE_FACILITY] = {"facility", PC_GROUP_INDICATORS, 0, 1},
    [PC_STYLE_GAPS] = {"gaps", PC_GROUP_INDICATORS, 1, 1},
    [PC_STYLE_SERVICE_AREA] = {"service_area", PC_GROUP_INDICATORS, 2, 1},
    [PC_STYLE_COVERAGE] = {"coverage", PC_GROUP_INDICATORS, 3, 0},
    [PC_STYLE_DISTANCE] = {"distance", PC_GROUP_INDICATORS, 4, 0},
    [PC_STYLE_DEV_BOUNDARY] = {"dev_boundary", PC_GROUP_CONTROL, 0, 1},
    [PC_STYLE_REDLINE] = {"redline", PC_GROUP_CONTROL, 1, 1},
    [PC_STYLE_FARMLAND] = {"farmland", PC_GROUP_CONTROL, 2, 1},
    [PC_STYLE_CONFLICTS] = {"conflicts", PC_GROUP_CONTROL, -2, 1},
    [PC_STYLE_NOISE] = {"noise", PC_GROUP_CONTROL, -1, 0},
    [PC_STYLE_COUNTED] = {"counted", PC_GROUP_INDICATORS, -1, 1},
    [PC_STYLE_WALK_DISTANCE] = {"walk_distance", PC_GROUP_INDICATORS, -2, 0},
    [PC_STYLE_CROSSINGS] = {"crossings", PC_GROUP_GROWTH, 0, 1},
    [PC_STYLE_NEW_PATCHES] = {"new_patches", PC_GROUP_GROWTH, 1, 1},
    [PC_STYLE_BUILTUP_YEAR] = {"builtup_year", PC_GROUP_GROWTH, 2, 0},
};

static const char *const group_titles[PC_GROUP_COUNT] = {
    [PC_GROUP_CONTROL] = "三区三线 control lines",
    [PC_GROUP_INDICATORS] = "体检指标 indicators",
    [PC_GROUP_GROWTH] = "城镇增长 growth",
    [PC_GROUP_BASE] = "基础 base",
};

const char *pc_style_name(enum pc_style style)
{
    return styles[style].name;
}

int pc_style_find(const char *name)
{
    for (int i = 0; i < PC_STYLE_COUNT; i++)
        if (strcmp(styles[i].name, name) == 0)
            return i;
    return -1;
}

enum pc_map_group pc_style_group(enum pc_style style)
{
    return styles[style].group;
}

int pc_style_rank(enum pc_style style)
{
    return styles[style].rank;
}

int pc_style_visible(enum pc_style style)
{
    return styles[style].visible;
}

const char *pc_map_group_title(enum pc_map_group group)
{
    return group_titles[group];
}

const char *pc_styles_dir(const char *dir)
{
    if (dir != NULL)
        return dir;
    const char *env = getenv("PLANCHECK_STYLES");
    return env != NULL && env[0] != '\0' ? env : PLANCHECK_STYLES_DIR;
}

struct pc_rgb pc_style_coverage_colour(int value)
{
    static const struct pc_rgb colours[] = {
        {0, 0, 0}, {0x1a, 0x98, 0x50}, {0xd7, 0x30, 0x27}, {0xe6, 0xe6, 0xe6}};
    return colours[value >= 1 && value <= 3 ? value : 0];
}

/* Splits line (modified in place) at commas into at most max fields; returns the count. */
static size_t split_csv(char *line, char **fields, size_t max)
{
    size_t n = 0;
    char *p = line;
    while (n < max) {
        fields[n++] = p;
        char *comma = strchr(p, ',');
        if (comma == NULL)
            break;
        *comma = '\0';
        p = comma + 1;
    }
    return n;
}

/* Parses three fields as 0-255 colour components. */
static int parse_rgb(char **f, struct pc_rgb *c)
{
    int v[3];
    for (int i = 0; i < 3; i++)
        if (pc_parse_int(f[i], &v[i]) != 0 || v[i] < 0 || v[i] > 255)
            return -1;
    c->r = (unsigned char)v[0], c->g = (unsigned char)v[1], c->b = (unsigned char)v[2];
    return 0;
}

/* Reads the colour table `file` of dir: comment lines (#) and a header line, then rows of
 * `key_fields` text fields (0 to 2) followed by r,g,b. Fills *entries (when key_fields > 0)
 * or *colours, and *n. */
static int read_table(const char *dir, const char *file, size_t key_fields,
                      struct pc_palette_entry **entries, struct pc_rgb **colours, size_t *n)
{
    char *path = pc_path_join(dir, file);
    if (path == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    FILE *f = fopen(path, "r");
    int rc = PC_OK;
    if (f == NULL) {
        rc = pc_error(PC_ERR_USAGE,
                      "cannot read style table <%s>: %s (set --styles or PLANCHECK_STYLES to a "
                      "plancheck styles folder)",
                      path, strerror(errno));
        free(path);
        return rc;
    }
    char line[1024];
    int lineno = 0, header_seen = 0;
    size_t cap = 0;
    while (rc == PC_OK && fgets(line, sizeof line, f) != NULL) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (!header_seen) {
            header_seen = 1;
            continue;
        }
        char *fields[8];
        size_t nf = split_csv(line, fields, 8);
        struct pc_rgb c;
        if (nf < key_fields + 3 || parse_rgb(fields + key_fields, &c) != 0) {
            rc = pc_error(PC_ERR_USAGE, "%s:%d: expected %s r,g,b with numbers 0-255", path, lineno,
                          key_fields == 2 ? "key,name," : "");
            break;
        }
        if (key_fields == 0) {
            if (pc_reserve((void **)colours, &cap, *n + 1, sizeof **colours) != 0)
                rc = pc_error(PC_ERR_RUN, "out of memory");
            else
                (*colours)[(*n)++] = c;
            continue;
        }
        if (pc_reserve((void **)entries, &cap, *n + 1, sizeof **entries) != 0) {
            rc = pc_error(PC_ERR_RUN, "out of memory");
            break;
        }
        struct pc_palette_entry *e = &(*entries)[*n];
        e->key = pc_strdup(fields[0]);
        e->label = pc_strdup(fields[1]);
        e->c = c;
        (*n)++;
        if (e->key == NULL || e->label == NULL)
            rc = pc_error(PC_ERR_RUN, "out of memory");
    }
    if (rc == PC_OK && *n == 0)
        rc = pc_error(PC_ERR_USAGE, "style table <%s> has no colours", path);
    fclose(f);
    free(path);
    return rc;
}

int pc_styles_load(const char *dir, struct pc_styles *out)
{
    memset(out, 0, sizeof *out);
    out->dir = pc_strdup(dir);
    if (out->dir == NULL)
        return pc_error(PC_ERR_RUN, "out of memory");
    int rc;
    if ((rc = read_table(dir, "landuse_colors.csv", 2, &out->landuse, NULL, &out->n_landuse)) ||
        (rc = read_table(dir, "facility_classes.csv", 2, &out->facility, NULL, &out->n_facility)) ||
        (rc = read_table(dir, "category_colors.csv", 0, NULL, &out->categories,
                         &out->n_categories)) ||
        (rc = read_table(dir, "year_colors.csv", 0, NULL, &out->years, &out->n_years)))
        return rc;
    return PC_OK;
}

static void free_entries(struct pc_palette_entry *e, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(e[i].key);
        free(e[i].label);
    }
    free(e);
}

void pc_styles_free(struct pc_styles *s)
{
    if (s == NULL)
        return;
    free_entries(s->landuse, s->n_landuse);
    free_entries(s->facility, s->n_facility);
    free(s->categories);
    free(s->years);
    free(s->dir);
    memset(s, 0, sizeof *s);
}

int pc_styles_landuse(const struct pc_styles *s, const char *code, struct pc_rgb *c,
                      const char **name)
{
    size_t len = code ? strlen(code) : 0;
    /* the code itself, then its parents: 070101 -> 0701 -> 07 */
    for (; len >= 2; len -= 2) {
        for (size_t i = 0; i < s->n_landuse; i++) {
            const struct pc_palette_entry *e = &s->landuse[i];
            if (strlen(e->key) == len && strncmp(e->key, code, len) == 0) {
                *c = e->c;
                *name = e->label;
                return 1;
            }
        }
        if (len % 2 == 1)
            len++; /* odd lengths are not codes; keep stepping by two from an even one */
    }
    c->r = c->g = c->b = 200;
    *name = NULL;
    return 0;
}

struct pc_rgb pc_styles_year(const struct pc_styles *s, size_t i, size_t n)
{
    if (n <= 1 || s->n_years == 1)
        return s->years[s->n_years - 1];
    /* position of year i along the colour list, interpolated between neighbours */
    double t = (double)i / (double)(n - 1) * (double)(s->n_years - 1);
    size_t k = (size_t)t;
    if (k >= s->n_years - 1)
        return s->years[s->n_years - 1];
    double f = t - (double)k;
    struct pc_rgb a = s->years[k], b = s->years[k + 1], c;
    c.r = (unsigned char)(a.r + f * (b.r - a.r) + 0.5);
    c.g = (unsigned char)(a.g + f * (b.g - a.g) + 0.5);
    c.b = (unsigned char)(a.b + f * (b.b - a.b) + 0.5);
    return c;
}
