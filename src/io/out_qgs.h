/* out_qgs.h: writes a QGIS project (.qgs) over the layers of a map: relative paths, the
 * plan's CRS, groups in a fixed order, every layer's style inline. */
#ifndef PC_OUT_QGS_H
#define PC_OUT_QGS_H

#include "map/map.h"

struct pc_qgs {
    const char *title;    /* project title */
    const char *db_file;  /* file name of the database beside the project ("x.sqlite") */
    const char *crs_wkt;  /* the CRS as WKT */
    const char *crs_auth; /* "EPSG:4544", or NULL */
    double extent[4];     /* xmin, ymin, xmax, ymax the map opens on */
    const struct pc_map *map;
    char *const *qmls; /* style of map->layers[i]; vector layers are MultiPolygon */
};

/* The project as XML text (a new string, caller frees), or NULL with pc_error(). */
char *pc_qgs_xml(const struct pc_qgs *p);

/* The part of a QML document inside its <qgis> element (a new string, caller frees), which
 * is what a project holds in each <maplayer>; NULL with pc_error(). */
char *pc_qml_body(const char *qml);

#endif
