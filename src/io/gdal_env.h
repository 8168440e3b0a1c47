/* gdal_env.h: process-wide GDAL set-up and access to GDAL's last error message. */
#ifndef PC_GDAL_ENV_H
#define PC_GDAL_ENV_H

/* Registers drivers and routes GDAL's messages: failures are kept for our own one-line errors
 * (read them with pc_gdal_error), warnings go to stderr. Safe to call more than once. */
void pc_gdal_init(void);

/* GDAL's last error message of this thread without a trailing newline, or `fallback` when
 * there is none. Borrowed, valid until the next GDAL call. */
const char *pc_gdal_error(const char *fallback);

#endif
