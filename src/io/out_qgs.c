/* out_qgs.c: the QGIS project as XML text. QGIS fills in every element left out with its
 * defaults; what is written is what the map needs: CRS, canvas extent, relative paths, the
 * layer tree with groups, and one <maplayer> per layer with its style. */
#include "io/out_qgs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/strbuf.h"
#include "core/util.h"
#include "map/style.h"

/* A layer id QGIS keeps: "plancheck_" and the name with anything but [A-Za-z0-9_] as '_'.
 * (QGIS 3.22 replaces ids of 10 characters or fewer with new random ones when it reads a
 * project, which breaks the layer tree's references: the prefix keeps ids longer.) */
static void layer_id(const char *name, char *out, size_t size)
{
    size_t n = (size_t)snprintf(out, size, "plancheck_");
    for (const char *p = name; *p && n + 1 < size; p++)
        out[n++] =
            ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
                ? *p
                : '_';
    out[n] = '\0';
}

/* The data source of a layer, relative to the project ("./x.sqlite|layername=t"). */
static void datasource(struct pc_buf *b, const struct pc_qgs *p, const struct pc_map_layer *L)
{
    pc_buf_add(b, "./");
    if (L->is_raster) {
        pc_buf_add_xml(b, L->name);
        return;
    }
    pc_buf_add_xml(b, p->db_file);
    pc_buf_add(b, "|layername=");
    pc_buf_add_xml(b, L->name);
}

static void spatialrefsys(struct pc_buf *b, const struct pc_qgs *p, const char *ind)
{
    pc_buf_printf(b, "%s<spatialrefsys>\n%s  <wkt>", ind, ind);
    pc_buf_add_xml(b, p->crs_wkt);
    pc_buf_add(b, "</wkt>\n");
    if (p->crs_auth != NULL) {
        pc_buf_printf(b, "%s  <authid>", ind);
        pc_buf_add_xml(b, p->crs_auth);
        pc_buf_add(b, "</authid>\n");
    }
    pc_buf_printf(b, "%s</spatialrefsys>\n", ind);
}

char *pc_qml_body(const char *qml)
{
    const char *open = strstr(qml, "<qgis");
    const char *start = open ? strchr(open, '>') : NULL;
    const char *end = start ? strstr(start, "</qgis>") : NULL;
    if (end == NULL) {
        pc_error(PC_ERR_RUN, "a style has no <qgis> element");
        return NULL;
    }
    start++;
    size_t n = (size_t)(end - start);
    char *body = malloc(n + 1);
    if (body == NULL) {
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    memcpy(body, start, n);
    body[n] = '\0';
    return body;
}

/* A layer's place in the tree: by group, then rank of its style, then map order. */
struct tree_key {
    int group, rank;
    size_t index;
};

static int cmp_tree(const void *a, const void *b)
{
    const struct tree_key *x = a, *y = b;
    if (x->group != y->group)
        return x->group - y->group;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return (x->index > y->index) - (x->index < y->index);
}

static void layer_tree(struct pc_buf *b, const struct pc_qgs *p, const size_t *order)
{
    const struct pc_map *map = p->map;
    pc_buf_add(b, "  <layer-tree-group>\n    <customproperties/>\n");
    for (int g = 0; g < PC_GROUP_COUNT; g++) {
        int any = 0;
        for (size_t k = 0; k < map->n_layers; k++)
            any |= (int)pc_style_group(map->layers[order[k]].style) == g;
        if (!any)
            continue;
        pc_buf_add(b, "    <layer-tree-group name=\"");
        pc_buf_add_xml(b, pc_map_group_title((enum pc_map_group)g));
        pc_buf_add(b, "\" checked=\"Qt::Checked\" expanded=\"1\">\n      <customproperties/>\n");
        for (size_t k = 0; k < map->n_layers; k++) {
            const struct pc_map_layer *L = &map->layers[order[k]];
            if ((int)pc_style_group(L->style) != g)
                continue;
            char id[160];
            layer_id(L->name, id, sizeof id);
            pc_buf_printf(b, "      <layer-tree-layer id=\"%s\" name=\"", id);
            pc_buf_add_xml(b, L->title);
            pc_buf_add(b, "\" source=\"");
            datasource(b, p, L);
            pc_buf_printf(b,
                          "\" providerKey=\"%s\" checked=\"%s\" expanded=\"%d\">\n"
                          "        <customproperties/>\n      </layer-tree-layer>\n",
                          L->is_raster ? "gdal" : "ogr",
                          pc_style_visible(L->style) ? "Qt::Checked" : "Qt::Unchecked",
                          L->style == PC_STYLE_ZONES || L->style == PC_STYLE_COVERAGE);
        }
        pc_buf_add(b, "    </layer-tree-group>\n");
    }
    pc_buf_add(b, "  </layer-tree-group>\n");
}

static int map_layer(struct pc_buf *b, const struct pc_qgs *p, size_t i)
{
    const struct pc_map_layer *L = &p->map->layers[i];
    char *body = pc_qml_body(p->qmls[i]);
    if (body == NULL)
        return PC_ERR_RUN;
    char id[160];
    layer_id(L->name, id, sizeof id);
    if (L->is_raster)
        pc_buf_add(b, "    <maplayer type=\"raster\" styleCategories=\"AllStyleCategories\" "
                      "hasScaleBasedVisibilityFlag=\"0\" minScale=\"1e+08\" maxScale=\"0\">\n");
    else
        pc_buf_printf(b,
                      "    <maplayer type=\"vector\" geometry=\"Polygon\" "
                      "wkbType=\"MultiPolygon\" labelsEnabled=\"%d\" "
                      "styleCategories=\"AllStyleCategories\" hasScaleBasedVisibilityFlag=\"0\" "
                      "minScale=\"1e+08\" maxScale=\"0\" readOnly=\"0\">\n",
                      strstr(p->qmls[i], "labelsEnabled=\"1\"") != NULL);
    pc_buf_printf(b, "      <id>%s</id>\n      <datasource>", id);
    datasource(b, p, L);
    pc_buf_add(b, "</datasource>\n      <layername>");
    pc_buf_add_xml(b, L->title);
    pc_buf_add(b, "</layername>\n      <srs>\n");
    spatialrefsys(b, p, "        ");
    pc_buf_printf(b, "      </srs>\n      <provider encoding=\"UTF-8\">%s</provider>\n",
                  L->is_raster ? "gdal" : "ogr");
    pc_buf_add(b, body);
    pc_buf_add(b, "    </maplayer>\n");
    free(body);
    return PC_OK;
}

char *pc_qgs_xml(const struct pc_qgs *p)
{
    const struct pc_map *map = p->map;
    size_t *order = malloc((map->n_layers + 1) * sizeof *order);
    struct tree_key *keys = malloc((map->n_layers + 1) * sizeof *keys);
    if (order == NULL || keys == NULL) {
        free(order), free(keys);
        pc_error(PC_ERR_RUN, "out of memory");
        return NULL;
    }
    for (size_t i = 0; i < map->n_layers; i++)
        keys[i] = (struct tree_key){(int)pc_style_group(map->layers[i].style),
                                    pc_style_rank(map->layers[i].style), i};
    qsort(keys, map->n_layers, sizeof *keys, cmp_tree);
    for (size_t i = 0; i < map->n_layers; i++)
        order[i] = keys[i].index;
    free(keys);

    struct pc_buf b = {0};
    int rc = PC_OK;
    pc_buf_add(&b, "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
                   "<qgis projectname=\"");
    pc_buf_add_xml(&b, p->title);
    pc_buf_add(&b, "\" version=\"3.22.16-Białowieża\">\n  <homePath path=\"\"/>\n  <title>");
    pc_buf_add_xml(&b, p->title);
    pc_buf_add(&b, "</title>\n  <projectCrs>\n");
    spatialrefsys(&b, p, "    ");
    pc_buf_add(&b, "  </projectCrs>\n");
    layer_tree(&b, p, order);
    pc_buf_printf(&b,
                  "  <mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\">\n"
                  "    <units>meters</units>\n"
                  "    <extent>\n      <xmin>%.3f</xmin>\n      <ymin>%.3f</ymin>\n"
                  "      <xmax>%.3f</xmax>\n      <ymax>%.3f</ymax>\n    </extent>\n"
                  "    <rotation>0</rotation>\n    <destinationsrs>\n",
                  p->extent[0], p->extent[1], p->extent[2], p->extent[3]);
    spatialrefsys(&b, p, "      ");
    pc_buf_add(&b, "    </destinationsrs>\n    <rendermaptile>0</rendermaptile>\n"
                   "  </mapcanvas>\n  <projectlayers>\n");
    for (size_t k = 0; k < map->n_layers && rc == PC_OK; k++)
        rc = map_layer(&b, p, order[k]);
    /* QGIS reads <projectCrs> only when SpatialRefSys/ProjectionsEnabled is set */
    pc_buf_add(&b, "  </projectlayers>\n  <properties>\n    <Paths>\n"
                   "      <Absolute type=\"bool\">false</Absolute>\n    </Paths>\n"
                   "    <SpatialRefSys>\n"
                   "      <ProjectionsEnabled type=\"int\">1</ProjectionsEnabled>\n"
                   "    </SpatialRefSys>\n  </properties>\n</qgis>\n");
    free(order);
    if (rc != PC_OK) {
        pc_buf_free(&b);
        return NULL;
    }
    return pc_buf_take(&b);
}
