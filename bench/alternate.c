// Runs several commands in alternation and prints each one's median wall time, as hyperfine -N would for one
// command at a time. hyperfine runs each command's runs as a block, so a runtime's run always follows its own
// teardown; alternating makes every runtime follow the others' as often (the round's first command rotates).
//
//   alternate RUNS WARMUP SLEEP_MS 'CMD [&& CMD…]' …
//
// A command is split at spaces (no quoting); " && " chains steps timed as one run, stopping at the first failure
// (which aborts the benchmark, as hyperfine does). SLEEP_MS > 0 sleeps before every run, outside the timing.
// Prints "name median_ms ratio_to_first" per command; name is the first program's file name.
#define _GNU_SOURCE
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>

extern char **environ;

enum { MAX_STEPS = 8, MAX_ARGS = 32 };

struct step { char *argv[MAX_ARGS + 1]; };
struct command { const char *text; struct step steps[MAX_STEPS]; int nsteps; double *times; };

static void parse(struct command *c, const char *text) {
  char *copy = strdup(text), *rest = copy;
  c->text = text;
  c->nsteps = 0;
  while (rest) {
    char *amp = strstr(rest, " && ");
    if (amp) *amp = 0;
    if (c->nsteps == MAX_STEPS) { fprintf(stderr, "alternate: more than %d steps in '%s'\n", MAX_STEPS, text); exit(2); }
    struct step *s = &c->steps[c->nsteps++];
    int n = 0;
    for (char *tok = strtok(rest, " "); tok; tok = strtok(NULL, " ")) {
      if (n == MAX_ARGS) { fprintf(stderr, "alternate: more than %d arguments in '%s'\n", MAX_ARGS, text); exit(2); }
      s->argv[n++] = tok;
    }
    if (n == 0) { fprintf(stderr, "alternate: empty step in '%s'\n", text); exit(2); }
    s->argv[n] = NULL;
    rest = amp ? amp + 4 : NULL;
  }
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static double run(const struct command *c) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
  double start = now_ms();
  for (int i = 0; i < c->nsteps; i++) {
    pid_t pid;
    int status;
    if (posix_spawn(&pid, c->steps[i].argv[0], &fa, NULL, c->steps[i].argv, environ) != 0) {
      fprintf(stderr, "alternate: cannot start %s\n", c->steps[i].argv[0]);
      exit(1);
    }
    if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      fprintf(stderr, "alternate: step %d of '%s' failed (status 0x%x)\n", i + 1, c->text, status);
      exit(1);
    }
  }
  double elapsed = now_ms() - start;
  posix_spawn_file_actions_destroy(&fa);
  return elapsed;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, n, sizeof *v, by_value);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv) {
  if (argc < 5) {
    fprintf(stderr, "usage: alternate RUNS WARMUP SLEEP_MS 'CMD [&& CMD...]' ...\n");
    return 2;
  }
  int runs = atoi(argv[1]), warmup = atoi(argv[2]), sleep_ms = atoi(argv[3]), k = argc - 4;
  if (runs < 1 || warmup < 0 || sleep_ms < 0) { fprintf(stderr, "alternate: bad RUNS, WARMUP or SLEEP_MS\n"); return 2; }
  struct command *cmds = calloc(k, sizeof *cmds);
  for (int i = 0; i < k; i++) {
    parse(&cmds[i], argv[4 + i]);
    cmds[i].times = calloc(runs, sizeof(double));
  }
  struct timespec pause = { sleep_ms / 1000, (sleep_ms % 1000) * 1000000L };
  for (int round = 0; round < warmup + runs; round++) {
    for (int j = 0; j < k; j++) {
      struct command *c = &cmds[(round + j) % k];
      if (sleep_ms) nanosleep(&pause, NULL);
      double t = run(c);
      if (round >= warmup) c->times[round - warmup] = t;
    }
  }
  double base = 0;
  for (int i = 0; i < k; i++) {
    double m = median(cmds[i].times, runs);
    if (i == 0) base = m;
    const char *name = strrchr(cmds[i].steps[0].argv[0], '/');
    printf("%s %.2f %.2f\n", name ? name + 1 : cmds[i].steps[0].argv[0], m, m / base);
  }
  return 0;
}
