/* error.h: the one error layer; library code reports here, only main() turns it into an exit code.
 */
#ifndef PC_ERROR_H
#define PC_ERROR_H

/* Status codes. Their values are the process exit codes (DESIGN.md §2). */
enum pc_status {
    PC_OK = 0,
    PC_ERR_RUN = 1,   /* the run failed: GEOS, I/O, out of memory, write errors */
    PC_ERR_USAGE = 2, /* bad command line, plan file or input named by the plan */
};

/* Records a one-line message (printf-style) for the calling thread, replacing any earlier one,
 * and returns `code` so callers can write `return pc_error(PC_ERR_USAGE, ...)`. */
int pc_error(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The calling thread's last message ("" if none); borrowed, valid until the next pc_error(). */
const char *pc_error_message(void);

/* The calling thread's last error code (PC_OK if none). */
int pc_error_code(void);

/* Forgets the calling thread's last error. */
void pc_error_clear(void);

#endif
