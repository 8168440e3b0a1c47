/* map_db.h: the map's rows in a result database, through SQLite itself: reading map_layers,
 * map_classes and run_info back, and writing the default styles QGIS reads (layer_styles). */
#ifndef PC_MAP_DB_H
#define PC_MAP_DB_H

#include "map/map.h"

/* What export needs from run_info. */
struct pc_run_info {
    char *plan_name;  /* owned */
    char *plan_title; /* owned, or NULL */
};

/* Reads map_layers and map_classes of the database `path` into *map (zeroed first) and
 * run_info into *info. Returns PC_OK, or PC_ERR_USAGE when the file is not a plancheck
 * result (naming it), PC_ERR_RUN on SQLite errors. Release with pc_map_free and
 * pc_run_info_free. */
int pc_map_db_read(const char *path, struct pc_map *map, struct pc_run_info *info);

/* Frees what info owns. */
void pc_run_info_free(struct pc_run_info *info);

/* Replaces plancheck's default styles in the layer_styles table of database `path` (made
 * if missing): for every vector layer i of map, qmls[i] is stored twice as the default
 * style, once as the spatialite provider looks for it (schema NULL) and once as the ogr
 * provider does (schema ''), for the geometry column `geometry`. One transaction. Returns
 * PC_OK or PC_ERR_RUN naming the file. */
int pc_map_db_write_styles(const char *path, const struct pc_map *map, char *const *qmls);

#endif
