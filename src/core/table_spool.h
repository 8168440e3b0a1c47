/* table_spool.h: rows of a table moved out of memory into a scratch file as they are made,
 * and read back batch by batch when the table is written. An indicator with a row per parcel
 * (the gaps of a coverage, the parcels of a walking coverage) spills each batch, so such a
 * table costs disk, not memory, whatever the parcel count. */
#ifndef PC_TABLE_SPOOL_H
#define PC_TABLE_SPOOL_H

#include "core/table.h"

/* Rows read back per batch when a spilled table is written. */
#define PC_SPOOL_BATCH 4096

/* Appends every row t holds to t's scratch file and empties t. The first call creates the
 * file (in $TMPDIR, else /tmp, unlinked at once so nothing is left behind even when the
 * run is killed) and makes t a streamed table that reads the spilled rows back in order
 * (pc_table_next_batch). Spill after the last row too: rows still held when the table is
 * written go out before the spilled ones. Columns must not change after the first call. A
 * table streamed by other means cannot spill. Returns PC_OK, or PC_ERR_RUN naming the table
 * and the file when the file cannot be made or written (a full disk). */
int pc_table_spill(struct pc_table *t, struct pc_geos *g);

#endif
