/* interrupt.h: SIGINT and SIGTERM end a run cleanly. The handler only records the signal;
 * the run checks at its checkpoints (every batch and chunk of features, every indicator,
 * table, transaction and raster, and once more before the outputs move into place), fails
 * there like any other error, and so removes its staging folder and scratch files and
 * leaves an earlier output as it was. */
#ifndef PC_INTERRUPT_H
#define PC_INTERRUPT_H

/* Installs the handlers for SIGINT and SIGTERM (for the `run` command). */
void pc_interrupt_install(void);

/* The signal received since the handlers were installed, or 0. Safe from any thread. */
int pc_interrupted(void);

/* "SIGINT" or "SIGTERM", the name of signal `sig` as the messages give it. */
const char *pc_interrupt_name(int sig);

/* PC_OK, or PC_ERR_RUN with "interrupted by SIGINT" (or SIGTERM) once a signal has arrived:
 * a checkpoint for long work. */
int pc_interrupt_check(void);

#endif
