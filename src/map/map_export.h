/* map_export.h: styling a result for QGIS: the layer_styles table of its database, a .qml
 * sidecar beside each GeoTIFF, and the project <name>.qgs. Shared by `run` (on its staged
 * output) and `export` (on an existing output). */
#ifndef PC_MAP_EXPORT_H
#define PC_MAP_EXPORT_H

#include "map/map.h"
#include "map/style.h"

struct pc_map_export {
    const char *dir;     /* folder holding the database and GeoTIFFs; files are written here */
    const char *db_file; /* the database's file name in dir ("<name>.sqlite") */
    const char *name;    /* plan name: the project is <name>.qgs */
    const char *title;   /* project title, or NULL for the name */
    const struct pc_styles *styles;
    const struct pc_map *map;
};

/* Names of the files pc_map_export writes besides the database (sidecars and project), for
 * checking before writing: calls fn(name, data) for each. */
void pc_map_export_names(const struct pc_map *map, const char *name,
                         void (*fn)(const char *file, void *data), void *data);

/* Writes the styles and project of e->map; nothing for a map without vector layers. Each file is
 * written under a temporary name and renamed over the old one; layer_styles changes in one
 * transaction. Returns PC_OK, PC_ERR_USAGE (a style file missing) or PC_ERR_RUN. */
int pc_map_export(const struct pc_map_export *e);

#endif
