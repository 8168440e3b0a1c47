/* error.c: per-thread last error message and code, in the manner of GDAL's CPLError. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

/* Long enough for a path, a layer name and a reason; longer messages are truncated. */
#define PC_ERROR_MAX 1024

static _Thread_local char last_message[PC_ERROR_MAX];
static _Thread_local int last_code;

int pc_error(int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    last_code = code;
    return code;
}

const char *pc_error_message(void)
{
    return last_message;
}

int pc_error_code(void)
{
    return last_code;
}

void pc_error_clear(void)
{
    last_message[0] = '\0';
    last_code = PC_OK;
}
