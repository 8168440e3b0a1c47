/* map.h: what goes on the map of a run: every layer of the output (database tables and
 * GeoTIFFs) with its style, group and title, and the classes of categorical layers. The
 * run stores it in the tables map_layers and map_classes so that `plancheck export` can
 * style an existing result again without the plan. */
#ifndef PC_MAP_H
#define PC_MAP_H

#include <stddef.h>

#include "core/table.h"

/* How a layer is drawn: one entry per style in map/style.c. */
enum pc_style {
    PC_STYLE_BOUNDARY,
    PC_STYLE_SCOPE,
    PC_STYLE_ZONES,
    PC_STYLE_LANDUSE,
    PC_STYLE_FACILITY,
    PC_STYLE_REDLINE,
    PC_STYLE_FARMLAND,
    PC_STYLE_DEV_BOUNDARY,
    PC_STYLE_SERVICE_AREA,
    PC_STYLE_GAPS,
    PC_STYLE_DISTANCE,
    PC_STYLE_COVERAGE,
    PC_STYLE_LANDUSE_RASTER,
    PC_STYLE_BUILTUP_YEAR,
    PC_STYLE_NEW_PATCHES,   /* new built-up patches by expansion type */
    PC_STYLE_CROSSINGS,     /* new built-up land across the control lines */
    PC_STYLE_CONFLICTS,     /* conflict pieces of overlap and outside indicators */
    PC_STYLE_NOISE,         /* their boundary noise (pieces below the sliver tolerance) */
    PC_STYLE_COUNTED,       /* features a count indicator counted */
    PC_STYLE_WALK_DISTANCE, /* parcels by walking distance to the nearest facility */
    PC_STYLE_COUNT
};

/* Groups of the QGIS project, top of the layer tree first. */
enum pc_map_group {
    PC_GROUP_CONTROL,    /* 三区三线: red line, farmland, development boundary */
    PC_GROUP_INDICATORS, /* service areas, gaps, facilities, distance, coverage */
    PC_GROUP_GROWTH,     /* crossings of the control lines, new patches, built-up years */
    PC_GROUP_BASE,       /* district, scope, zones, land use */
    PC_GROUP_COUNT
};

struct pc_map_layer {
    char *name;    /* table in the database, or GeoTIFF file name in the output directory */
    char *title;   /* name shown in QGIS */
    int is_raster; /* 1: a GeoTIFF beside the database */
    enum pc_style style;
    char *class_field; /* categorized vector styles: the field, or NULL */
    char *label_field; /* labelled vector styles: the field, or NULL */
};

/* One category of a categorized or paletted layer. */
struct pc_map_class {
    char *layer; /* pc_map_layer.name */
    char *value; /* attribute value, or raster cell value as text */
    char *code;  /* land-use code of the class, or NULL */
    char *label; /* legend text */
};

struct pc_map {
    size_t n_layers, cap_layers;
    struct pc_map_layer *layers; /* owned, in the order they were added */
    size_t n_classes, cap_classes;
    struct pc_map_class *classes; /* owned */
};

/* Adds a layer (strings copied; fields may be NULL). Returns 0, or -1 with pc_error(). */
int pc_map_add_layer(struct pc_map *map, const char *name, const char *title, int is_raster,
                     enum pc_style style, const char *class_field, const char *label_field);

/* Adds a class of layer `layer` (strings copied; code may be NULL). 0, or -1 with pc_error(). */
int pc_map_add_class(struct pc_map *map, const char *layer, const char *value, const char *code,
                     const char *label);

/* The layer called `name`, or NULL (borrowed). */
const struct pc_map_layer *pc_map_find(const struct pc_map *map, const char *name);

/* The name of the style QGIS loads by default for raster file `raster`: the name without its
 * last extension, then ".qml" (landuse.tif -> landuse.qml), written into out[size]. */
void pc_map_sidecar_name(const char *raster, char *out, size_t size);

/* Frees what map owns and zeroes it; NULL is fine. */
void pc_map_free(struct pc_map *map);

/* The tables map_layers and map_classes describing map, for the output database (new,
 * owned by the caller). Returns 0, or -1 with pc_error(). */
int pc_map_tables(const struct pc_map *map, struct pc_table **layers, struct pc_table **classes);

/* The style's name as stored in map_layers ("landuse"...). */
const char *pc_style_name(enum pc_style style);

/* The style called `name`, or -1. */
int pc_style_find(const char *name);

/* The group a style's layers go in. */
enum pc_map_group pc_style_group(enum pc_style style);

/* The group's title in the QGIS layer tree. */
const char *pc_map_group_title(enum pc_map_group group);

#endif
