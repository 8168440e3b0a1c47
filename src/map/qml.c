/* qml.c: QML documents for map layers. Fixed styles come from their file in the styles
 * folder; categorized vectors (zones, land use, facilities) and paletted rasters (land use,
 * built-up year) are written here from the layer's classes and the colour tables. Every
 * symbol property is written twice, as <Option> (QGIS 3.22) and <prop> (QGIS 3.16 and older). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "map/style.h"

static const char qml_head[] = "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n";
static const char qml_version[] = "3.22.16-Białowieża";

/* Fonts for Chinese labels, first found wins (Debian: fonts-noto-cjk, fonts-wqy-microhei). */
static const char label_font[] = "Noto Sans CJK SC";

/* One fill symbol layer: fill and outline colours "R,G,B,A", outline width in mm. */
struct fill {
    char color[24];
    char outline[24];
    const char *width;
};

/* Writes a <prop>/<Option> pair list for n keys and values. */
static void put_props(struct pc_buf *b, const char *const (*kv)[2], size_t n, const char *ind)
{
    pc_buf_printf(b, "%s<Option type=\"Map\">\n", ind);
    for (size_t i = 0; i < n; i++) {
        pc_buf_printf(b, "%s  <Option name=\"%s\" type=\"QString\" value=\"", ind, kv[i][0]);
        pc_buf_add_xml(b, kv[i][1]);
        pc_buf_add(b, "\"/>\n");
    }
    pc_buf_printf(b, "%s</Option>\n", ind);
    for (size_t i = 0; i < n; i++) {
        pc_buf_printf(b, "%s<prop k=\"%s\" v=\"", ind, kv[i][0]);
        pc_buf_add_xml(b, kv[i][1]);
        pc_buf_add(b, "\"/>\n");
    }
}

/* <symbol name="NAME"> with one SimpleFill layer. */
static void put_fill_symbol(struct pc_buf *b, const char *name, const struct fill *f)
{
    const char *const kv[][2] = {
        {"color", f->color},        {"joinstyle", "miter"},      {"outline_color", f->outline},
        {"outline_style", "solid"}, {"outline_width", f->width}, {"outline_width_unit", "MM"},
        {"style", "solid"},
    };
    pc_buf_add(b, "      <symbol name=\"");
    pc_buf_add_xml(b, name);
    pc_buf_add(b, "\" type=\"fill\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
                  "        <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">\n");
    put_props(b, kv, sizeof kv / sizeof kv[0], "          ");
    pc_buf_add(b, "        </layer>\n      </symbol>\n");
}

static void rgba(char *out, struct pc_rgb c, int alpha)
{
    snprintf(out, 24, "%d,%d,%d,%d", c.r, c.g, c.b, alpha);
}

/* Simple labels of `field`: Chinese font, white buffer, placed inside the polygon. With
 * max_scale > 0, labels show only when zoomed in past 1:max_scale (QGIS keeps that limit,
 * its minimumScale, in the attribute scaleMax). */
static void put_labels(struct pc_buf *b, const char *field, int size, const char *colour, int bold,
                       int max_scale)
{
    pc_buf_add(b, "  <labeling type=\"simple\">\n    <settings calloutType=\"simple\">\n"
                  "      <text-style fieldName=\"");
    pc_buf_add_xml(b, field);
    pc_buf_printf(b,
                  "\" isExpression=\"0\" fontFamily=\"%s\" fontSize=\"%d\" fontSizeUnit=\"Point\" "
                  "fontWeight=\"%d\" textColor=\"%s\" textOpacity=\"1\">\n"
                  "        <text-buffer bufferDraw=\"1\" bufferSize=\"1\" bufferSizeUnits=\"MM\" "
                  "bufferColor=\"255,255,255,255\" bufferOpacity=\"0.85\"/>\n"
                  "      </text-style>\n"
                  "      <placement placement=\"1\" centroidInside=\"1\" centroidWhole=\"0\" "
                  "fitInPolygonOnly=\"0\" priority=\"%d\"/>\n"
                  "      <rendering scaleVisibility=\"%d\" scaleMin=\"0\" scaleMax=\"%d\" "
                  "obstacle=\"1\" displayAll=\"0\" drawLabels=\"1\" labelPerPart=\"0\" "
                  "upsidedownLabels=\"0\"/>\n"
                  "    </settings>\n  </labeling>\n",
                  label_font, size, bold ? 75 : 50, colour, bold ? 9 : 5, max_scale > 0, max_scale);
}

/* One category of a categorized renderer: its value, legend text and colours. */
struct category {
    const char *value;
    char *label; /* owned */
    struct fill fill;
};

/* A categorized renderer on `field` over cats, with labels when label_field is set. */
static char *categorized(const char *comment, const char *field, const struct category *cats,
                         size_t n, const char *label_field, int label_size,
                         const char *label_colour, int label_bold, int label_max_scale)
{
    struct pc_buf b = {0};
    pc_buf_add(&b, qml_head);
    pc_buf_printf(&b, "<!-- %s -->\n", comment);
    pc_buf_printf(&b,
                  "<qgis version=\"%s\" styleCategories=\"Symbology|Labeling|Rendering\" "
                  "labelsEnabled=\"%d\">\n",
                  qml_version, label_field != NULL);
    pc_buf_add(&b, "  <renderer-v2 type=\"categorizedSymbol\" attr=\"");
    pc_buf_add_xml(&b, field);
    pc_buf_add(&b, "\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">\n"
                   "    <categories>\n");
    for (size_t i = 0; i < n; i++) {
        pc_buf_add(&b, "      <category value=\"");
        pc_buf_add_xml(&b, cats[i].value);
        pc_buf_printf(&b, "\" symbol=\"%zu\" label=\"", i);
        pc_buf_add_xml(&b, cats[i].label);
        pc_buf_add(&b, "\" render=\"true\"/>\n");
    }
    pc_buf_add(&b, "    </categories>\n    <symbols>\n");
    for (size_t i = 0; i < n; i++) {
        char name[32];
        snprintf(name, sizeof name, "%zu", i);
        put_fill_symbol(&b, name, &cats[i].fill);
    }
    pc_buf_add(&b, "    </symbols>\n  </renderer-v2>\n");
    if (label_field != NULL)
        put_labels(&b, label_field, label_size, label_colour, label_bold, label_max_scale);
    pc_buf_add(&b, "  <layerOpacity>1</layerOpacity>\n</qgis>\n");
    return pc_buf_take(&b);
}

/* A paletted raster renderer over n (value, colour, label) entries. */
static char *paletted(const char *comment, const int *values, const struct pc_rgb *colours,
                      char *const *labels, size_t n, double opacity)
{
    struct pc_buf b = {0};
    pc_buf_add(&b, qml_head);
    pc_buf_printf(&b, "<!-- %s -->\n", comment);
    pc_buf_printf(&b, "<qgis version=\"%s\" styleCategories=\"Symbology|Rendering\">\n  <pipe>\n",
                  qml_version);
    pc_buf_printf(&b,
                  "    <rasterrenderer type=\"paletted\" band=\"1\" opacity=\"%g\" "
                  "alphaBand=\"-1\" nodataColor=\"\">\n      <colorPalette>\n",
                  opacity);
    for (size_t i = 0; i < n; i++) {
        pc_buf_printf(&b,
                      "        <paletteEntry value=\"%d\" color=\"#%02x%02x%02x\" alpha=\"255\" "
                      "label=\"",
                      values[i], colours[i].r, colours[i].g, colours[i].b);
        pc_buf_add_xml(&b, labels[i]);
        pc_buf_add(&b, "\"/>\n");
    }
    pc_buf_add(&b, "      </colorPalette>\n    </rasterrenderer>\n  </pipe>\n"
                   "  <blendMode>0</blendMode>\n</qgis>\n");
    return pc_buf_take(&b);
}

/* The classes of layer `name` in map order, as a new array of pointers (*n of them). */
static const struct pc_map_class **classes_of(const struct pc_map *map, const char *name, size_t *n)
{
    const struct pc_map_class **out = malloc((map->n_classes + 1) * sizeof *out);
    *n = 0;
    if (out == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < map->n_classes; i++)
        if (strcmp(map->classes[i].layer, name) == 0)
            out[(*n)++] = &map->classes[i];
    return out;
}

/* Legend text "CODE NAME" of a land-use class (name from the data, else from the table). */
static char *landuse_label(const struct pc_styles *s, const struct pc_map_class *c)
{
    struct pc_rgb rgb;
    const char *name = c->label;
    const char *code = c->code ? c->code : c->value;
    if (name == NULL || name[0] == '\0')
        pc_styles_landuse(s, code, &rgb, &name);
    return name ? pc_strfmt("%s %s", code, name) : pc_strdup(code);
}

/* Colour and legend text of facility class `value` from facility_classes.csv. */
static struct pc_rgb facility_colour(const struct pc_styles *s, const struct pc_map_class *c,
                                     char **label)
{
    const struct pc_palette_entry *unknown = NULL;
    for (size_t i = 0; i < s->n_facility; i++) {
        const struct pc_palette_entry *e = &s->facility[i];
        if (strcmp(e->key, c->value) == 0) {
            *label = pc_strfmt("%s %s", c->value, e->label);
            return e->c;
        }
        if (strcmp(e->key, "unknown") == 0)
            unknown = e;
    }
    *label = pc_strdup(c->label ? c->label : c->value);
    if (unknown != NULL)
        return unknown->c;
    return s->facility[0].c;
}

/* A categorized vector style of L from its classes. */
static char *categorized_layer(const struct pc_styles *s, const struct pc_map *map,
                               const struct pc_map_layer *L)
{
    size_t n;
    const struct pc_map_class **cls = classes_of(map, L->name, &n);
    struct category *cats = cls ? calloc(n + 1, sizeof *cats) : NULL;
    char *qml = NULL;
    int failed = cats == NULL;
    for (size_t i = 0; !failed && i < n; i++) {
        struct category *c = &cats[i];
        struct pc_rgb rgb;
        const char *unused;
        c->value = cls[i]->value;
        switch (L->style) {
        case PC_STYLE_ZONES:
            rgb = s->categories[i % s->n_categories];
            rgba(c->fill.color, rgb, 28);
            rgba(c->fill.outline, rgb, 255);
            c->fill.width = "0.9";
            c->label = pc_strdup(cls[i]->label ? cls[i]->label : cls[i]->value);
            break;
        case PC_STYLE_LANDUSE:
            pc_styles_landuse(s, cls[i]->value, &rgb, &unused);
            rgba(c->fill.color, rgb, 255);
            snprintf(c->fill.outline, sizeof c->fill.outline, "150,150,150,255");
            c->fill.width = "0.05";
            c->label = landuse_label(s, cls[i]);
            break;
        default: /* facilities */
            rgb = facility_colour(s, cls[i], &c->label);
            rgba(c->fill.color, rgb, 255);
            snprintf(c->fill.outline, sizeof c->fill.outline, "0,90,30,255");
            c->fill.width = "0.15";
            break;
        }
        failed = c->label == NULL;
    }
    if (!failed) {
        switch (L->style) {
        case PC_STYLE_ZONES:
            qml = categorized("zones: one colour per zone, labelled with its name", L->class_field,
                              cats, n, L->label_field, 12, "20,20,20,255", 1, 0);
            break;
        case PC_STYLE_LANDUSE:
            /* no labels: thousands of parcels; the legend names the codes */
            qml = categorized("land use by 用地用海 code, colours of styles/landuse_colors.csv",
                              L->class_field, cats, n, NULL, 0, NULL, 0, 0);
            break;
        default:
            qml = categorized("facilities by class, colours of styles/facility_classes.csv",
                              L->class_field, cats, n, L->label_field, 8, "0,80,20,255", 0, 60000);
            break;
        }
    } else {
        pc_error(PC_ERR_RUN, "out of memory");
    }
    for (size_t i = 0; cats != NULL && i < n; i++)
        free(cats[i].label);
    free(cats);
    free(cls);
    return qml;
}

/* A single-symbol facility style (a facility layer without classes): the colour of the
 * class "unknown" of facility_classes.csv. */
static char *single_facility(const struct pc_styles *s, const struct pc_map_layer *L)
{
    struct pc_map_class unknown = {.value = "unknown"};
    char *label = NULL;
    struct fill f = {.width = "0.15"};
    rgba(f.color, facility_colour(s, &unknown, &label), 255);
    free(label);
    snprintf(f.outline, sizeof f.outline, "0,90,30,255");
    struct pc_buf b = {0};
    pc_buf_add(&b, qml_head);
    pc_buf_printf(&b,
                  "<!-- facilities without classes -->\n<qgis version=\"%s\" "
                  "styleCategories=\"Symbology|Labeling|Rendering\" labelsEnabled=\"%d\">\n"
                  "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" "
                  "forceraster=\"0\">\n    <symbols>\n",
                  qml_version, L->label_field != NULL);
    put_fill_symbol(&b, "0", &f);
    pc_buf_add(&b, "    </symbols>\n  </renderer-v2>\n");
    if (L->label_field != NULL)
        put_labels(&b, L->label_field, 8, "0,80,20,255", 0, 60000);
    pc_buf_add(&b, "  <layerOpacity>1</layerOpacity>\n</qgis>\n");
    return pc_buf_take(&b);
}

/* A paletted raster style of L from its classes (land-use index or built-up year). */
static char *paletted_layer(const struct pc_styles *s, const struct pc_map *map,
                            const struct pc_map_layer *L)
{
    size_t n;
    const struct pc_map_class **cls = classes_of(map, L->name, &n);
    int *values = cls ? calloc(n + 1, sizeof *values) : NULL;
    struct pc_rgb *colours = values ? calloc(n + 1, sizeof *colours) : NULL;
    char **labels = colours ? calloc(n + 1, sizeof *labels) : NULL;
    char *qml = NULL;
    int failed = labels == NULL;
    for (size_t i = 0; !failed && i < n; i++) {
        if (pc_parse_int(cls[i]->value, &values[i]) != 0) {
            pc_error(PC_ERR_USAGE, "map_classes: value '%s' of raster <%s> is not an integer",
                     cls[i]->value, L->name);
            failed = 2;
            break;
        }
        if (L->style == PC_STYLE_LANDUSE_RASTER) {
            const char *unused;
            pc_styles_landuse(s, cls[i]->code ? cls[i]->code : "", &colours[i], &unused);
            labels[i] = landuse_label(s, cls[i]);
        } else {
            colours[i] = pc_styles_year(s, i, n);
            labels[i] = pc_strdup(cls[i]->label ? cls[i]->label : cls[i]->value);
        }
        failed = labels[i] == NULL;
    }
    if (!failed)
        qml = paletted(L->style == PC_STYLE_LANDUSE_RASTER
                           ? "land use raster: class index, colours of styles/landuse_colors.csv"
                           : "first year built up, colours of styles/year_colors.csv",
                       values, colours, labels, n, L->style == PC_STYLE_BUILTUP_YEAR ? 0.85 : 1);
    else if (failed == 1)
        pc_error(PC_ERR_RUN, "out of memory");
    for (size_t i = 0; labels != NULL && i < n; i++)
        free(labels[i]);
    free(labels);
    free(colours);
    free(values);
    free(cls);
    return qml;
}

/* The contents of the style file NAME.qml of the styles folder. */
static char *read_style_file(const struct pc_styles *s, const char *name)
{
    char *path = pc_strfmt("%s/%s.qml", s->dir, name);
    if (path == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    struct pc_buf b = {0};
    char chunk[4096];
    size_t got;
    if (f == NULL) {
        pc_error(PC_ERR_USAGE, "cannot read style <%s>: %s", path, strerror(errno));
        free(path);
        return NULL;
    }
    while ((got = fread(chunk, 1, sizeof chunk - 1, f)) > 0) {
        chunk[got] = '\0';
        pc_buf_add(&b, chunk);
    }
    int bad = ferror(f) || strstr(b.s ? b.s : "", "<qgis") == NULL;
    fclose(f);
    if (bad) {
        pc_error(PC_ERR_USAGE, "style <%s> is not a QGIS style (no <qgis> element)", path);
        pc_buf_free(&b);
        free(path);
        return NULL;
    }
    free(path);
    return pc_buf_take(&b);
}

char *pc_style_qml(const struct pc_styles *s, const struct pc_map *map,
                   const struct pc_map_layer *L)
{
    switch (L->style) {
    case PC_STYLE_ZONES:
    case PC_STYLE_LANDUSE:
        return categorized_layer(s, map, L);
    case PC_STYLE_FACILITY:
        return L->class_field ? categorized_layer(s, map, L) : single_facility(s, L);
    case PC_STYLE_LANDUSE_RASTER:
    case PC_STYLE_BUILTUP_YEAR:
        return paletted_layer(s, map, L);
    default:
        return read_style_file(s, pc_style_name(L->style));
    }
}
