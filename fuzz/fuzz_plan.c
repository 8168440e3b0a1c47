/* fuzz_plan.c: libFuzzer target for the plan parser. Each input is written to a scratch
 * file and loaded as a plan; whatever the bytes, pc_plan_load must return PC_OK or a one-line
 * error, never crash, leak or overrun (built with ASan and UBSan: scripts/fuzz.sh). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/error.h"
#include "plan/plan.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char path[512];

/* Removes the scratch file when the fuzzer exits. */
static void remove_scratch(void)
{
    if (path[0] != '\0')
        unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (path[0] == '\0') {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/plancheck-fuzz-plan-%ld.ini", dir && *dir ? dir : "/tmp",
                 (long)getpid());
        atexit(remove_scratch);
    }
    FILE *f = fopen(path, "wb");
    if (f == NULL)
        abort(); /* the harness itself cannot run */
    if (size > 0 && fwrite(data, 1, size, f) != size)
        abort();
    fclose(f);
    struct pc_plan plan;
    int rc = pc_plan_load(path, &plan);
    /* an error is one line naming where */
    if (rc != PC_OK && (pc_error_message()[0] == '\0' || strchr(pc_error_message(), '\n'))) {
        fprintf(stderr, "not a one-line error: [%s]\n", pc_error_message());
        abort();
    }
    pc_plan_free(&plan);
    return 0;
}
