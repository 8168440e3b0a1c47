/* interrupt.c: the signal flag of interrupt.h. */
#include "core/interrupt.h"

#include <signal.h>
#include <string.h>

#include "core/error.h"

static volatile sig_atomic_t received;

/* The handler: records the signal and nothing else (async-signal-safe). */
static void on_signal(int sig)
{
    received = sig;
}

void pc_interrupt_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_RESTART; /* reads and writes go on; the run stops at its checkpoint */
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int pc_interrupted(void)
{
    return received;
}

const char *pc_interrupt_name(int sig)
{
    return sig == SIGINT ? "SIGINT" : "SIGTERM";
}

int pc_interrupt_check(void)
{
    int sig = received;
    if (sig == 0)
        return PC_OK;
    return pc_error(PC_ERR_RUN, "interrupted by %s", pc_interrupt_name(sig));
}
