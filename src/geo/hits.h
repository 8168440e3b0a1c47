/* hits.h: collecting the items an STRtree query finds, as indices. Items are inserted as
 * pc_hits_item(index), an index disguised as a pointer that the tree never dereferences. */
#ifndef PC_HITS_H
#define PC_HITS_H

#include <stddef.h>
#include <stdint.h>

struct pc_hits {
    size_t n, cap;
    size_t *items; /* owned; free with pc_hits_free */
    int failed;    /* out of memory while collecting: the query's result is incomplete */
};

/* The tree item standing for index i. */
static inline void *pc_hits_item(size_t i)
{
    return (void *)(uintptr_t)i;
}

/* GEOSSTRtree_query_r callback: appends the item's index to the struct pc_hits in data. */
void pc_hits_collect(void *item, void *data);

/* Frees the indices and zeroes *h. */
void pc_hits_free(struct pc_hits *h);

#endif
