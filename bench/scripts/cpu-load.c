// A known CPU load, to see how the machine answers it (with bench/scripts/host-pauses.c running beside it).
//
// One thread per CPU, pinned to it, each busy BUSY ms and then asleep IDLE ms, over and over, for SECONDS.
//   gcc -O2 -pthread -o /tmp/cpu-load bench/scripts/cpu-load.c
//   /tmp/cpu-load 7 3 20      # both CPUs busy 70 % of every 10 ms, for 20 s
//   /tmp/cpu-load 200 1 20    # busy 200 ms, then 1 ms asleep
// IDLE 0 keeps every CPU busy all the time. It ends by itself.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double busy_ms, idle_ms;
static int seconds;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void *load(void *arg)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((long)arg, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    double end = now_ms() + seconds * 1e3;
    while (now_ms() < end)
    {
        double started = now_ms();
        while (now_ms() - started < busy_ms)
            ;
        if (idle_ms > 0)
        {
            struct timespec pause = {(time_t)(idle_ms / 1e3), (long)(idle_ms * 1e6) % 1000000000L};
            nanosleep(&pause, NULL);
        }
    }
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc < 4)
    {
        fprintf(stderr, "usage: %s BUSY_MS IDLE_MS SECONDS\n", argv[0]);
        return 2;
    }
    busy_ms = atof(argv[1]);
    idle_ms = atof(argv[2]);
    seconds = atoi(argv[3]);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus > 256)
        cpus = 256;
    pthread_t threads[256];
    for (long cpu = 0; cpu < cpus; cpu++)
        pthread_create(&threads[cpu], NULL, load, (void *)cpu);
    for (long cpu = 0; cpu < cpus; cpu++)
        pthread_join(threads[cpu], NULL);
    return 0;
}
