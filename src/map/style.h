/* style.h: the styles folder (QML files and colour tables in styles/) and the QML of each
 * map layer: static styles are read from their file, categorized and paletted ones are
 * generated from the layer's classes and the colour tables. */
#ifndef PC_STYLE_H
#define PC_STYLE_H

#include <stddef.h>

#include "map/map.h"

struct pc_rgb {
    unsigned char r, g, b;
};

/* A row of a colour table: a key (land-use code, facility class) with its name. */
struct pc_palette_entry {
    char *key;
    char *label;
    struct pc_rgb c;
};

/* What was read from a styles folder. */
struct pc_styles {
    char *dir;
    size_t n_landuse; /* landuse_colors.csv: code, name, r, g, b, source */
    struct pc_palette_entry *landuse;
    size_t n_facility; /* facility_classes.csv: class, label, r, g, b */
    struct pc_palette_entry *facility;
    size_t n_categories; /* category_colors.csv: r, g, b */
    struct pc_rgb *categories;
    size_t n_years; /* year_colors.csv: r, g, b, earliest first */
    struct pc_rgb *years;
};

/* The styles folder to use: `dir` if not NULL, else $PLANCHECK_STYLES, else the folder
 * compiled in (the source tree's styles/ or the installed share/plancheck/styles). */
const char *pc_styles_dir(const char *dir);

/* Reads the colour tables of styles folder `dir` into *out (zeroed first; release with
 * pc_styles_free). Returns PC_OK, or PC_ERR_USAGE naming the file and line. */
int pc_styles_load(const char *dir, struct pc_styles *out);

/* Frees what s owns; NULL is fine. */
void pc_styles_free(struct pc_styles *s);

/* Colour and name of land-use code `code`: its own row or its nearest parent's (070101 ->
 * 0701 -> 07). Returns 1 if found, else 0 with a neutral grey and *name NULL. */
int pc_styles_landuse(const struct pc_styles *s, const char *code, struct pc_rgb *c,
                      const char **name);

/* The QML document styling map layer L (a new string, caller frees), or NULL with
 * pc_error(): PC_ERR_USAGE when a style file is missing or unreadable. */
char *pc_style_qml(const struct pc_styles *s, const struct pc_map *map,
                   const struct pc_map_layer *L);

/* Colour of the coverage mask's classes 1-3 (as in styles/coverage.qml), for the GeoTIFF's
 * colour table. */
struct pc_rgb pc_style_coverage_colour(int value);

/* Colour of year number i of n (earliest 0) from the year colours. */
struct pc_rgb pc_styles_year(const struct pc_styles *s, size_t i, size_t n);

/* Whether a style's layers are shown when the project opens (rasters start hidden so they
 * do not cover the vector map). */
int pc_style_visible(enum pc_style style);

/* Order of a style inside its group, top of the layer tree first. */
int pc_style_rank(enum pc_style style);

#endif
