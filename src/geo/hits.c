/* hits.c: collecting STRtree query results as indices. */
#include "geo/hits.h"

#include <stdlib.h>
#include <string.h>

void pc_hits_collect(void *item, void *data)
{
    struct pc_hits *h = data;
    if (h->n == h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 64;
        size_t *grown = realloc(h->items, cap * sizeof *grown);
        if (grown == NULL) {
            h->failed = 1;
            return;
        }
        h->items = grown;
        h->cap = cap;
    }
    h->items[h->n++] = (size_t)(uintptr_t)item;
}

void pc_hits_free(struct pc_hits *h)
{
    free(h->items);
    memset(h, 0, sizeof *h);
}
