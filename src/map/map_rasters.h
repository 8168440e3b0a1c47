/* map_rasters.h: the GeoTIFFs of a run, on one grid over the plan's extent (or scope) at its
 * cell size: per coverage indicator the distance to the nearest facility and a coverage mask;
 * per land-use layer its classes; and the first year each cell is built up. */
#ifndef PC_MAP_RASTERS_H
#define PC_MAP_RASTERS_H

#include <ogr_srs_api.h>

#include "core/progress.h"
#include "indicators/eval.h"
#include "map/map.h"
#include "map/style.h"

/* Distances are searched this far at least (metres): the last step of the distance style. */
#define PC_DISTANCE_REACH_MIN 2000.0

/* Nodata of the distance raster. */
#define PC_DISTANCE_NODATA -9999.0

/* The file names of the GeoTIFFs the run will write, for checking before any work: calls
 * fn(name, data) for each. */
void pc_map_raster_names(const struct pc_plan *plan, void (*fn)(const char *name, void *data),
                         void *data);

/* Computes every raster and writes it as DIR/<name>.tif, registering each in *map (style,
 * title, classes). Without a scope or extent in the plan, writes none and says so through
 * ev->notice. Returns PC_OK or PC_ERR_RUN. */
int pc_map_rasters(struct pc_eval *ev, OGRSpatialReferenceH srs, const struct pc_styles *styles,
                   const char *dir, struct pc_map *map, const struct pc_progress *progress);

#endif
