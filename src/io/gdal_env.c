/* gdal_env.c: process-wide GDAL set-up and access to GDAL's last error message. */
#include "io/gdal_env.h"

#include <gdal.h>
#include <cpl_conv.h>
#include <cpl_error.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

/* GDAL error handler: failures are only recorded (CPLError keeps the last message per thread
 * before calling us) because the caller reports them in its own words; warnings are shown. */
static void on_gdal_message(CPLErr level, CPLErrorNum code, const char *message)
{
    (void)code;
    if (level == CE_Warning)
        fprintf(stderr, "plancheck: GDAL warning: %s\n", message);
}

static void init_once(void)
{
    GDALAllRegister();
    CPLSetErrorHandler(on_gdal_message);
    /* Output databases are written to a temporary file renamed on success, so a crash can
     * never leave a half-written result behind: fsync on every commit buys nothing. */
    CPLSetConfigOption("OGR_SQLITE_SYNCHRONOUS", "OFF");
}

void pc_gdal_init(void)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, init_once);
}

const char *pc_gdal_error(const char *fallback)
{
    static _Thread_local char message[512];
    const char *m = CPLGetLastErrorMsg();
    if (m == NULL || m[0] == '\0' || CPLGetLastErrorType() < CE_Failure)
        return fallback;
    /* one line: drivers such as PostgreSQL's pass on multi-line messages; each run of line
     * breaks and tabs becomes one space, and trailing ones go */
    size_t n = 0;
    for (const char *p = m; *p != '\0' && n + 1 < sizeof message; p++) {
        int brk = *p == '\n' || *p == '\r' || *p == '\t';
        if (!brk)
            message[n++] = *p;
        else if (n > 0 && message[n - 1] != ' ')
            message[n++] = ' ';
    }
    while (n > 0 && message[n - 1] == ' ')
        n--;
    message[n] = '\0';
    return message;
}
