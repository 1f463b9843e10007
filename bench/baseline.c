/* The reference kh validate is measured against: a single-threaded program that only walks
 * the tree (never following links) and runs libyaml's parser over every .yaml file, building
 * nothing. Build: cc -O2 -o baseline bench/baseline.c -lyaml */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static long files, bytes, events, failures;
static unsigned char *buffer;
static size_t capacity;

static void parse(const char *path) {
    int fd = open(path, O_RDONLY);
    if (fd < 0) { failures++; return; }
    struct stat st;
    if (fstat(fd, &st) != 0) { close(fd); failures++; return; }
    size_t size = (size_t)st.st_size;
    if (size + 1 > capacity) {
        capacity = size + 1;
        buffer = realloc(buffer, capacity);
    }
    size_t got = 0;
    while (got < size) {
        ssize_t n = read(fd, buffer + got, size - got);
        if (n <= 0) break;
        got += (size_t)n;
    }
    close(fd);
    files++;
    bytes += (long)got;
    yaml_parser_t parser;
    yaml_event_t event;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buffer, got);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) { failures++; break; }
        events++;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        if (done) break;
    }
    yaml_parser_delete(&parser);
}

static void walk(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    char path[4096];
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) != 0) continue;
        if (S_ISDIR(st.st_mode)) {
            walk(path);
        } else if (S_ISREG(st.st_mode)) {
            size_t n = strlen(e->d_name);
            if (n > 5 && strcmp(e->d_name + n - 5, ".yaml") == 0) parse(path);
        }
    }
    closedir(d);
}

int main(int argc, char **argv) {
    if (argc != 2) {
        fprintf(stderr, "usage: baseline ARCHIVE\n");
        return 2;
    }
    walk(argv[1]);
    printf("%ld files, %ld bytes, %ld events, %ld failed\n", files, bytes, events, failures);
    free(buffer);
    return 0;
}
