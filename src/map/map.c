/* map.c: the list of map layers and classes of a run, and its tables map_layers and
 * map_classes. */
#include "map/map.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "core/util.h"

/* Records "out of memory" and returns -1. */
static int out_of_memory(void)
{
    pc_error(PC_ERR_RUN, "out of memory");
    return -1;
}

/* Copy of s, or NULL for NULL; sets *failed on out of memory. */
static char *copy_or_null(const char *s, int *failed)
{
    if (s == NULL)
        return NULL;
    char *c = pc_strdup(s);
    if (c == NULL)
        *failed = 1;
    return c;
}

int pc_map_add_layer(struct pc_map *map, const char *name, const char *title, int is_raster,
                     enum pc_style style, const char *class_field, const char *label_field)
{
    int failed = 0;
    struct pc_map_layer L = {
        .name = copy_or_null(name, &failed),
        .title = copy_or_null(title, &failed),
        .is_raster = is_raster,
        .style = style,
        .class_field = copy_or_null(class_field, &failed),
        .label_field = copy_or_null(label_field, &failed),
    };
    if (failed || pc_reserve((void **)&map->layers, &map->cap_layers, map->n_layers + 1,
                             sizeof *map->layers) != 0) {
        free(L.name), free(L.title), free(L.class_field), free(L.label_field);
        return out_of_memory();
    }
    map->layers[map->n_layers++] = L;
    return 0;
}

int pc_map_add_class(struct pc_map *map, const char *layer, const char *value, const char *code,
                     const char *label)
{
    /* copy first: the arguments may point into map->classes, which growing moves */
    int failed = 0;
    struct pc_map_class c = {
        .layer = copy_or_null(layer, &failed),
        .value = copy_or_null(value, &failed),
        .code = copy_or_null(code, &failed),
        .label = copy_or_null(label, &failed),
    };
    if (failed || pc_reserve((void **)&map->classes, &map->cap_classes, map->n_classes + 1,
                             sizeof *map->classes) != 0) {
        free(c.layer), free(c.value), free(c.code), free(c.label);
        return out_of_memory();
    }
    map->classes[map->n_classes++] = c;
    return 0;
}

const struct pc_map_layer *pc_map_find(const struct pc_map *map, const char *name)
{
    for (size_t i = 0; i < map->n_layers; i++)
        if (strcmp(map->layers[i].name, name) == 0)
            return &map->layers[i];
    return NULL;
}

void pc_map_sidecar_name(const char *raster, char *out, size_t size)
{
    const char *dot = strrchr(raster, '.');
    int stem = (int)(dot != NULL && dot != raster ? dot - raster : (long)strlen(raster));
    snprintf(out, size, "%.*s.qml", stem, raster);
}

void pc_map_free(struct pc_map *map)
{
    if (map == NULL)
        return;
    for (size_t i = 0; i < map->n_layers; i++) {
        struct pc_map_layer *L = &map->layers[i];
        free(L->name), free(L->title), free(L->class_field), free(L->label_field);
    }
    for (size_t i = 0; i < map->n_classes; i++) {
        struct pc_map_class *c = &map->classes[i];
        free(c->layer), free(c->value), free(c->code), free(c->label);
    }
    free(map->layers);
    free(map->classes);
    memset(map, 0, sizeof *map);
}

/* A new table with text columns `names` (NULL-terminated); NULL with pc_error(). */
static struct pc_table *text_table(const char *name, const char *const *names)
{
    struct pc_table *t = pc_table_new(name, 0);
    for (; t != NULL && *names != NULL; names++)
        if (pc_table_add_column(t, *names, PC_COL_TEXT) < 0) {
            pc_table_free(t, NULL);
            return NULL;
        }
    return t;
}

/* Appends a row of n texts (NULL entries are NULL cells); 0 or -1 with pc_error(). */
static int text_row(struct pc_table *t, const char *const *cells, size_t n)
{
    long row = pc_table_add_row(t, NULL, NULL);
    if (row < 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        if (pc_table_set_text(t, (size_t)row, (int)i, cells[i]) != 0)
            return -1;
    return 0;
}

int pc_map_tables(const struct pc_map *map, struct pc_table **layers, struct pc_table **classes)
{
    static const char *const layer_cols[] = {"name",        "title",       "type", "style",
                                             "class_field", "label_field", NULL};
    static const char *const class_cols[] = {"layer", "value", "code", "label", NULL};
    *layers = text_table("map_layers", layer_cols);
    *classes = text_table("map_classes", class_cols);
    int rc = (*layers && *classes) ? 0 : -1;
    for (size_t i = 0; rc == 0 && i < map->n_layers; i++) {
        const struct pc_map_layer *L = &map->layers[i];
        const char *cells[] = {L->name,
                               L->title,
                               L->is_raster ? "raster" : "vector",
                               pc_style_name(L->style),
                               L->class_field,
                               L->label_field};
        rc = text_row(*layers, cells, 6);
    }
    for (size_t i = 0; rc == 0 && i < map->n_classes; i++) {
        const struct pc_map_class *c = &map->classes[i];
        const char *cells[] = {c->layer, c->value, c->code, c->label};
        rc = text_row(*classes, cells, 4);
    }
    if (rc != 0) {
        pc_table_free(*layers, NULL);
        pc_table_free(*classes, NULL);
        *layers = *classes = NULL;
    }
    return rc;
}
