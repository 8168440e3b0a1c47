/* plan.h: the plan, a typed and validated view of the plan file (DESIGN.md §2). */
#ifndef PC_PLAN_H
#define PC_PLAN_H

#include <stddef.h>

#include "plan/growth_def.h"
#include "plan/ini_read.h"
#include "plan/landuse_codes.h"
#include "plan/radius.h"
#include "plan/target.h"

/* Buffer quadrant segments when the plan does not say: 18 segments per quarter circle put
 * every vertex on the circle and keep the chord's sag under 0.1% of the radius
 * (1 - cos(pi/72) = 0.095%); 8 would give 0.48%. */
#define PC_DEFAULT_QUADRANT_SEGMENTS 18

/* Default raster cell size in metres ([plan] cell_size): fine enough for parcels and service
 * radii (raster coverage within 0.5 percentage points of the exact figure on the sample). */
#define PC_DEFAULT_CELL_SIZE 10.0

/* What a [layer] is on the map ([layer] role): decides its style, its group in the QGIS
 * project, and whether it is copied into the output database and rasterised. */
enum pc_role {
    PC_ROLE_NONE = 0,     /* used by indicators only */
    PC_ROLE_BOUNDARY,     /* an administrative outline (the district) */
    PC_ROLE_LANDUSE,      /* land-use parcels with a 用地用海 code in 'class' */
    PC_ROLE_REDLINE,      /* 生态保护红线 */
    PC_ROLE_FARMLAND,     /* 永久基本农田 */
    PC_ROLE_DEV_BOUNDARY, /* 城镇开发边界 */
    PC_ROLE_BUILTUP,      /* built-up area of one 'year' */
    PC_ROLE_FACILITY      /* parks or other facilities ('class' and 'label' optional) */
};

/* The plan-file word of a role ("landuse"...), or "" for PC_ROLE_NONE. */
const char *pc_role_name(enum pc_role role);

/* A [layer NAME] or [zones NAME] section: where a vector source is and how to read it. */
struct pc_source_def {
    const struct pc_ini_section *section; /* borrowed from the plan's ini; for key lines */
    int is_zones;                         /* [zones]: one zone per feature */
    const char *name;                     /* section name */
    char *path;              /* `source` resolved against the plan's directory (owned) */
    const char *source;      /* `source` as written */
    const char *layer;       /* NULL: the source's only layer */
    const char *where;       /* OGR attribute filter, or NULL */
    const char *population;  /* [layer] field of residents, or NULL */
    const char *name_field;  /* [zones] field naming each zone */
    const char *srs;         /* CRS for sources without one, or NULL */
    const char *encoding;    /* Shapefile attribute encoding (e.g. GBK), or NULL */
    enum pc_role role;       /* [layer] role; facilities of coverage indicators get
                                PC_ROLE_FACILITY when the plan gives none */
    const char *class_field; /* [layer] field of categories (land-use code), or NULL */
    const char *label_field; /* [layer] field of map labels, or NULL */
    int year;                /* [layer] year the layer shows (required for builtup), or 0 */
    /* 'vocabulary': the code lists its class values are looked up in, in order (default
     * ydyh); 'classes': the 用地用海 classes kept (owned array of owned codes, or NULL) */
    enum pc_vocabulary vocabularies[PC_VOCAB_COUNT];
    size_t n_vocabularies;
    char **classes;
    size_t n_classes;
    int maps_codes;      /* class values are mapped onto 用地用海 codes while reading */
    int keep_attributes; /* every attribute field is read (pieces of conflicts carry them) */
};

struct pc_indicator_kind; /* indicators/kinds.h */

/* Walking speed when a coverage indicator gives radii in minutes and no `speed`: 60 m/min
 * (3.6 km/h) turns GB 50180-2018's 5-minute life circle into its 300 m; docs/walking-network.md
 * discusses it. */
#define PC_DEFAULT_WALK_SPEED 60.0

/* Network keys of a coverage indicator when the plan does not set them (metres): dangling
 * street ends this close to another street are joined to it; facility boundary points this
 * close to a street are its access points, taken every access_spacing along the boundary;
 * the service-area map draws reached streets this wide on each side. */
#define PC_DEFAULT_SNAP           2.0
#define PC_DEFAULT_ACCESS         30.0
#define PC_DEFAULT_ACCESS_SPACING 10.0
#define PC_DEFAULT_SERVICE_WIDTH  25.0

/* How a coverage indicator measures distance: `distance = network` and its keys. */
struct pc_walk_def {
    int along_network;                          /* 0: straight-line buffers */
    const struct pc_source_def *network;        /* line layer of walkable streets */
    const struct pc_source_def *entrances;      /* facility entrances (points), or NULL */
    double speed;                               /* m/min, for radii in minutes */
    double snap, access, access_spacing, width; /* metres */
};

/* An [indicator ID] section. Strings are borrowed from the plan's ini. */
struct pc_indicator_def {
    const struct pc_ini_section *section;
    const char *id;
    const char *title; /* defaults to the id */
    const struct pc_indicator_kind *kind;
    const struct pc_source_def *layer;    /* what is measured */
    const struct pc_source_def *facility; /* coverage: what serves it */
    const struct pc_source_def *within;   /* share: the base layer, or NULL (the zone) */
    const struct pc_source_def *zones;    /* zone schema, or NULL */
    const struct pc_source_def *scope;    /* scope layer (the indicator's or the plan's), or NULL */
    struct pc_radius radius;              /* coverage only (owned) */
    struct pc_walk_def walk;              /* coverage only */
    struct pc_target target;              /* target.set == 0: none */
    const char *target_text;              /* as written, or NULL */
    int year;                             /* 0: not given */
    const char *source;                   /* document cited, or NULL */
    const char *quote;                    /* its exact words, or NULL */
    struct pc_growth_def growth;          /* growth only (its layers array is owned) */
    /* keys of the other kinds; each kind's build_keys (plan/kind_keys.c) reads its own */
    const struct pc_source_def *with;       /* overlap: the layer the conflicts are with */
    const struct pc_source_def *boundary;   /* outside: the boundary layer */
    double sliver;                          /* overlap, outside: noise pieces below, m2 */
    const struct pc_source_def *population; /* per_capita: the layer of residents */
    const struct pc_source_def **near;      /* count: owned array of borrowed defs, or NULL */
    size_t n_near;
    double distance;         /* count: features within this many metres of `near` */
    double min_area;         /* count: polygons of at least this many m2 */
    int level;               /* structure: 1, 2 or 3 */
    const char *check_class; /* structure: the class whose share or area the target judges,
                              * borrowed from the plan's code table; NULL for none */
};

struct pc_plan {
    struct pc_ini ini; /* owns every string the defs borrow */
    char *dir;         /* directory of the plan file; sources are relative to it */
    char *owned_name;  /* name taken from the file name when [plan] has none */
    const struct pc_ini_section *section; /* the [plan] section, for key lines */
    const char *name;                  /* [plan] name: the output database is DIR/<name>.sqlite */
    const char *title;                 /* [plan] title, or NULL */
    const char *crs;                   /* [plan] crs, user input for OSRSetFromUserInput */
    const struct pc_source_def *scope; /* [plan] scope, or NULL */
    int quadrant_segments;
    double cell_size;                   /* [plan] cell_size: raster cell in metres */
    const struct pc_source_def *extent; /* [plan] extent: raster area, else the scope */
    size_t n_sources;
    struct pc_source_def *sources;
    size_t n_indicators;
    struct pc_indicator_def *indicators;
    int has_codes;         /* some layer or indicator maps land-use codes: `codes` is loaded */
    struct pc_codes codes; /* [plan] codes, or the table shipped with plancheck */
};

/* Reads and validates the plan file `path` into *plan (zeroed first). Returns PC_OK, or
 * PC_ERR_USAGE with a "PATH:LINE: ..." message naming the key or section for: unknown
 * sections or keys, missing required keys, duplicates, references to undefined layers or
 * zones, bad numbers, radii and targets. Always release with pc_plan_free(). Does not open
 * any data source (see io/layer_read.h). */
int pc_plan_load(const char *path, struct pc_plan *plan);

/* Releases everything the plan owns; NULL is fine. */
void pc_plan_free(struct pc_plan *plan);

/* The [layer] or [zones] section called `name`, or NULL. Borrowed from plan. */
const struct pc_source_def *pc_plan_source(const struct pc_plan *plan, const char *name);

/* Line of `key` in `section`, or the section header's line if the key is absent. */
int pc_plan_key_line(const struct pc_ini_section *section, const char *key);

#endif
