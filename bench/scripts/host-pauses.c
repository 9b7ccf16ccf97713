// Host pauses: when the machine's virtual CPUs did not run at all.
//
// One thread per CPU, pinned to it, at the highest real-time priority (SCHED_FIFO 99), sleeps 1 ms at a time and logs
// every wake-up later than the threshold, with the wall-clock time it woke (UTC). Nothing inside the machine can keep
// that thread from running for long, so a wake-up tens of milliseconds late means the hypervisor did not run the
// CPU: a pause that every process on the machine, a bot or its load, sat through. Its lines line up with a load
// run's `--timeline` by their times (bench/scripts/timeline.py).
//
//   gcc -O2 -pthread -o /tmp/host-pauses bench/scripts/host-pauses.c
//   /tmp/host-pauses [threshold-ms=8] [seconds=60] > pauses.txt     (as root, for the real-time priority)
//
// Prints "HH:MM:SS.mmm cpuN late X ms" per late wake-up, then a line per CPU with its count and worst. It ends by
// itself after the given seconds.
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double threshold_ms;
static int seconds;

static double ms_between(struct timespec a, struct timespec b)
{
    return (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
}

static void *watch(void *arg)
{
    long cpu = (long)arg;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    pthread_setaffinity_np(pthread_self(), sizeof set, &set);
    struct sched_param priority = {.sched_priority = 99};
    if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &priority) != 0)
        fprintf(stderr, "cpu%ld: no real-time priority (run as root); lateness then includes this machine's own queue\n", cpu);

    struct timespec start, previous, now, wall, step = {0, 1000000};
    clock_gettime(CLOCK_MONOTONIC, &start);
    previous = start;
    long wakeups = 0, late = 0;
    double worst = 0, late_total = 0;
    while (ms_between(start, previous) < seconds * 1e3)
    {
        nanosleep(&step, NULL);
        clock_gettime(CLOCK_MONOTONIC, &now);
        double lateness = ms_between(previous, now) - 1.0;
        wakeups++;
        if (lateness > worst)
            worst = lateness;
        if (lateness > threshold_ms)
        {
            clock_gettime(CLOCK_REALTIME, &wall);
            struct tm utc;
            gmtime_r(&wall.tv_sec, &utc);
            late++;
            late_total += lateness;
            printf("%02d:%02d:%02d.%03ld cpu%ld late %.1f ms\n", utc.tm_hour, utc.tm_min, utc.tm_sec, wall.tv_nsec / 1000000, cpu, lateness);
            fflush(stdout);
        }
        previous = now;
    }
    printf("cpu%ld: %ld wake-ups, %ld late by more than %.0f ms (%.0f ms in all), worst %.1f ms\n", cpu, wakeups, late, threshold_ms, late_total, worst);
    return NULL;
}

int main(int argc, char **argv)
{
    threshold_ms = argc > 1 ? atof(argv[1]) : 8;
    seconds = argc > 2 ? atoi(argv[2]) : 60;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    if (cpus > 256)
        cpus = 256;
    pthread_t threads[256];
    for (long cpu = 0; cpu < cpus; cpu++)
        pthread_create(&threads[cpu], NULL, watch, (void *)cpu);
    for (long cpu = 0; cpu < cpus; cpu++)
        pthread_join(threads[cpu], NULL);
    return 0;
}
