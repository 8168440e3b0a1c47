/* map_build.h: deciding what a run puts on the map. Vector layers: the zone and scope tables
 * and the indicators' geometry tables the evaluation made, plus copies of the plan's layers
 * with a role (district, land use, control lines, facilities) so that the output directory
 * holds the whole map. Rasters: see map_rasters.h. */
#ifndef PC_MAP_BUILD_H
#define PC_MAP_BUILD_H

#include "indicators/eval.h"
#include "map/map.h"

/* Adds to ev->tables a copy of every [layer] with a map role (except built-up layers, which
 * become the built-up year raster), and registers in *map every vector layer of the output
 * with its style, title and classes. Returns PC_OK or PC_ERR_RUN. */
int pc_map_build_vectors(struct pc_eval *ev, struct pc_map *map);

#endif
