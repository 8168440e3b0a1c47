/* parallel.c: a parallel for-loop over the items of a job with one GEOS context per thread. */
#include "geo/parallel.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "core/error.h"
#include "core/interrupt.h"
#include "core/util.h"

static int threads_set; /* pc_set_threads; 0: default */

void pc_set_threads(int n)
{
    threads_set = n > PC_MAX_THREADS ? PC_MAX_THREADS : n > 0 ? n : 0;
}

int pc_threads(void)
{
    if (threads_set > 0)
        return threads_set;
    int n = 0;
    const char *env = getenv("PLANCHECK_THREADS");
    if (env == NULL || pc_parse_int(env, &n) != 0 || n <= 0)
        n = (int)sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > PC_MAX_THREADS ? PC_MAX_THREADS : n;
}

/* What the threads of one run share. */
struct run {
    const struct pc_parallel_job *job;
    atomic_size_t next;   /* first item not yet taken */
    atomic_size_t done;   /* items finished */
    atomic_int stop;      /* set on the first error or a cancel */
    pthread_mutex_t lock; /* guards rc and message */
    int rc;               /* first error */
    char message[1024];   /* its message, from the thread that had it */
};

/* Records an error of the calling thread (the first one wins) and stops the others. */
static void fail(struct run *r, int rc)
{
    pthread_mutex_lock(&r->lock);
    if (r->rc == PC_OK) {
        r->rc = rc;
        snprintf(r->message, sizeof r->message, "%s", pc_error_message());
    }
    pthread_mutex_unlock(&r->lock);
    atomic_store(&r->stop, 1);
}

/* One thread's share: items in chunks until none are left or the run stops. The calling
 * thread passes its progress (others NULL) and reports after every chunk. */
static void work(struct run *r, const struct pc_progress *progress, double lo, double hi,
                 const char *msg)
{
    const struct pc_parallel_job *job = r->job;
    size_t chunk = job->chunk > 0 ? job->chunk : PC_PARALLEL_CHUNK;
    struct pc_geos *g = pc_geos_new();
    void *state = NULL;
    if (g == NULL) {
        pc_error(PC_ERR_RUN, "cannot create a GEOS context for a thread");
        fail(r, PC_ERR_RUN);
        return;
    }
    int rc = job->start != NULL ? job->start(g, job->data, &state) : PC_OK;
    while (rc == PC_OK && !atomic_load(&r->stop)) {
        size_t begin = atomic_fetch_add(&r->next, chunk);
        if (begin >= job->n)
            break;
        size_t end = begin + chunk < job->n ? begin + chunk : job->n;
        for (size_t i = begin; i < end && rc == PC_OK; i++)
            rc = job->item(g, state, i, job->data);
        size_t done = atomic_fetch_add(&r->done, end - begin) + (end - begin);
        if (rc == PC_OK)
            rc = pc_interrupt_check();
        if (progress != NULL && rc == PC_OK &&
            !pc_progress_report(progress, lo + (hi - lo) * (double)done / (double)job->n, msg))
            rc = pc_error(PC_ERR_RUN, "cancelled");
    }
    if (rc != PC_OK)
        fail(r, rc);
    if (job->finish != NULL)
        job->finish(g, state, job->data);
    pc_geos_free(g);
}

static void *thread_main(void *arg)
{
    work(arg, NULL, 0, 0, NULL);
    return NULL;
}

int pc_parallel_run(const struct pc_parallel_job *job, const struct pc_progress *progress,
                    double lo, double hi, const char *msg)
{
    struct run r = {.job = job, .rc = PC_OK};
    atomic_init(&r.next, 0);
    atomic_init(&r.done, 0);
    atomic_init(&r.stop, 0);
    pthread_mutex_init(&r.lock, NULL);
    /* no more threads than chunks */
    size_t chunk = job->chunk > 0 ? job->chunk : PC_PARALLEL_CHUNK;
    size_t chunks = (job->n + chunk - 1) / chunk;
    int n_threads = pc_threads();
    if ((size_t)n_threads > chunks)
        n_threads = chunks > 0 ? (int)chunks : 1;
    pthread_t threads[PC_MAX_THREADS];
    int started = 0;
    for (int t = 1; t < n_threads; t++) {
        if (pthread_create(&threads[started], NULL, thread_main, &r) != 0) {
            pc_error(PC_ERR_RUN, "cannot start a thread");
            fail(&r, PC_ERR_RUN);
            break;
        }
        started++;
    }
    pc_progress_report(progress, lo, msg);
    work(&r, progress, lo, hi, msg);
    for (int t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
    pthread_mutex_destroy(&r.lock);
    if (r.rc != PC_OK)
        return pc_error(r.rc, "%s", r.message);
    return PC_OK;
}
