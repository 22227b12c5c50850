/* test_launch.c: how hvsim starts.
 *
 * The hvsim executable must not link SDL2 (its ~60 dependent libraries
 * made every `hvsim run` start tens of milliseconds slower); the viewer
 * lives in hvsim-view beside it, which `hvsim view` execs.  Checked here:
 * the DT_NEEDED entries of both executables (read from the real built
 * files with <elf.h>), `hvsim view` reaching hvsim-view through the exec
 * (its own --help comes back), a copy of hvsim with no hvsim-view beside
 * it failing cleanly (exit 2, the missing executable named), and the
 * HVSIM_VIEW_BIN fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <elf.h>

#include "cli_harness.h"

static char view_bin[4096];

/* Appends the DT_NEEDED names of the ELF64 file at path to out (one per
 * line).  0, or -1 if the file is not a readable dynamic ELF64. */
static int needed_libs(const char *path, char *out, size_t cap)
{
    size_t len = 0;
    char *img = hv_read_file(path, &len);
    if (!img || len < sizeof(Elf64_Ehdr)) {
        free(img);
        return -1;
    }
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
    int rc = -1;
    out[0] = '\0';
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) > len)
        goto out;
    const Elf64_Shdr *sh = (const Elf64_Shdr *)(img + eh->e_shoff);
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_DYNAMIC || sh[i].sh_link >= eh->e_shnum) continue;
        const Elf64_Shdr *str = &sh[sh[i].sh_link];
        if (sh[i].sh_offset + sh[i].sh_size > len || str->sh_offset + str->sh_size > len) goto out;
        const Elf64_Dyn *d = (const Elf64_Dyn *)(img + sh[i].sh_offset);
        for (size_t k = 0; k < sh[i].sh_size / sizeof *d && d[k].d_tag != DT_NULL; k++) {
            if (d[k].d_tag != DT_NEEDED || d[k].d_un.d_val >= str->sh_size) continue;
            size_t used = strlen(out);
            snprintf(out + used, cap - used, "%s\n", img + str->sh_offset + d[k].d_un.d_val);
        }
        rc = 0;
    }
out:
    free(img);
    return rc;
}

static void test_hvsim_links_no_sdl_and_hvsim_view_does(void **state)
{
    (void)state;
    char libs[8192];
    assert_int_equal(needed_libs(HVSIM_BIN, libs, sizeof libs), 0);
    assert_non_null(strstr(libs, "libc.so"));
    if (strstr(libs, "SDL")) fail_msg("hvsim links SDL2:\n%s", libs);
    assert_int_equal(needed_libs(view_bin, libs, sizeof libs), 0);
#ifdef HVSIM_HAVE_VIEWER
    assert_non_null(strstr(libs, "libSDL2"));
#endif
}

static void test_hvsim_view_runs_the_viewer_executable(void **state)
{
    (void)state;
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "view", "--help", NULL), 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: hvsim view"));
    hv_result_free(&r);
    /* Bad usage comes back with the viewer's own status and message. */
    assert_int_equal(hv_hvsim(&r, "view", "--no-such-option", NULL), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "unknown option '--no-such-option'"));
    hv_result_free(&r);
}

/* A copy of hvsim alone in a fresh directory; the caller frees both. */
static char *lone_hvsim(char **dir)
{
    *dir = hv_tmpdir();
    assert_non_null(*dir);
    size_t len = 0;
    char *img = hv_read_file(HVSIM_BIN, &len);
    assert_non_null(img);
    char *path = malloc(4096);
    snprintf(path, 4096, "%s/hvsim", *dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(img, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    assert_int_equal(chmod(path, 0755), 0);
    free(img);
    return path;
}

static void test_hvsim_view_without_hvsim_view_beside_it_exits_2_naming_it(void **state)
{
    (void)state;
    char *dir;
    char *bin = lone_hvsim(&dir);
    unsetenv("HVSIM_VIEW_BIN");
    char *argv[] = {bin, "view", HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs", NULL};
    hv_result r;
    assert_int_equal(hv_spawn(argv, &r), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "hvsim: error: "));
    assert_non_null(strstr(r.err, "hvsim-view"));
    hv_result_free(&r);
    /* The other commands do not need it. */
    char *argv_run[] = {bin, "run", HVSIM_SOURCE_DIR "/scenarios/boot-race.hvs", NULL};
    assert_int_equal(hv_spawn(argv_run, &r), 0);
    assert_int_equal(r.status, 0);
    char hex[17];
    assert_int_equal(hv_fingerprint(r.out, hex), 0);
    hv_result_free(&r);
    /* HVSIM_VIEW_BIN points at it from anywhere. */
    setenv("HVSIM_VIEW_BIN", view_bin, 1);
    char *argv_help[] = {bin, "view", "--help", NULL};
    assert_int_equal(hv_spawn(argv_help, &r), 0);
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "usage: hvsim view"));
    hv_result_free(&r);
    unsetenv("HVSIM_VIEW_BIN");
    hv_rmdir(dir);
    free(dir);
    free(bin);
}

int main(void)
{
    snprintf(view_bin, sizeof view_bin, "%s", HVSIM_BIN);
    char *slash = strrchr(view_bin, '/');
    snprintf(slash + 1, sizeof view_bin - (size_t)(slash + 1 - view_bin), "hvsim-view");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hvsim_links_no_sdl_and_hvsim_view_does),
        cmocka_unit_test(test_hvsim_view_runs_the_viewer_executable),
        cmocka_unit_test(test_hvsim_view_without_hvsim_view_beside_it_exits_2_naming_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
