/* staging.h: outputs are written into a hidden folder beside their destination and moved
 * into place only when all of them are complete, so a failed run leaves nothing half-written
 * and an existing result untouched. */
#ifndef PC_STAGING_H
#define PC_STAGING_H

struct pc_staging {
    char *out_dir; /* the destination (owned) */
    char *dir;     /* OUT_DIR/.plancheck-NAME-PID (owned), NULL when not open */
};

/* Refuses to replace DIR/FILE: PC_ERR_USAGE "output <DIR/FILE> exists: use --overwrite to
 * replace it" when it exists and overwrite is 0, else PC_OK (PC_ERR_RUN on out of memory). */
int pc_output_refuse_existing(const char *dir, const char *file, int overwrite);

/* Creates out_dir (and parents) if missing and the staging folder inside it. Returns PC_OK,
 * or PC_ERR_USAGE naming the folder that cannot be made. */
int pc_staging_open(struct pc_staging *s, const char *out_dir, const char *name);

/* Moves every file of the staging folder into out_dir and removes the folder. Refuses,
 * before moving anything, when one of them exists in out_dir and overwrite is 0. Returns
 * PC_OK, PC_ERR_USAGE (an existing output) or PC_ERR_RUN. */
int pc_staging_commit(struct pc_staging *s, int overwrite);

/* Removes the staging folder and its files (after a failure) and frees s; safe on a closed
 * or committed s. */
void pc_staging_close(struct pc_staging *s);

#endif
