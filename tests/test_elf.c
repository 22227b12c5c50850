/* test_elf.c: ELF inspection -- real binaries of this system (/usr/bin/ls,
 * /usr/bin/unshare), fixtures built here (tests/data/elf/: tiny.c built
 * dynamically; nolibc.c built with -static -nostdlib, once with and once
 * without its symbol table), every bad fixture in tests/bad/elf/NAME.bin
 * refused with NAME.expected, truncation and byte-flip sweeps that must
 * never crash, and `hvsim inspect` end to end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "cli_harness.h"
#include "elf_inspect.h"

#define DATA HVSIM_SOURCE_DIR "/tests/data/elf/"
#define BAD HVSIM_SOURCE_DIR "/tests/bad/elf/"

static int has_import(const hv_elf_report *r, const char *name, hv_sys_class *cls)
{
    for (size_t i = 0; i < r->n_imports; i++)
        if (strcmp(r->imports[i].name, name) == 0) {
            if (cls) *cls = r->imports[i].cls;
            return 1;
        }
    return 0;
}

static int inspect(const char *path, hv_elf_report *r, sim_diag_list *d)
{
    sim_diag_list_init(d);
    return hv_elf_inspect_file(path, r, d);
}

static void test_elf_unshare_imports_namespace_calls_wsl1_cannot_run(void **state)
{
    (void)state;
    if (!hv_exists("/usr/bin/unshare")) skip();
    hv_elf_report r;
    sim_diag_list d;
    assert_int_equal(inspect("/usr/bin/unshare", &r, &d), 0);
    assert_int_equal(r.linkage, HV_ELF_DYNAMIC);
    hv_sys_class c;
    assert_true(has_import(&r, "unshare", &c));
    assert_int_equal(c, HV_SYS_NS);
    assert_true(has_import(&r, "mount", &c));
    assert_int_equal(c, HV_SYS_NS);
    assert_true(r.n_unsupported >= 2);
    assert_true(r.undefined_funcs > r.n_imports); /* strcmp, malloc ... are not wrappers */
    hv_elf_report_free(&r);
    sim_diag_list_free(&d);
}

static void test_elf_ls_needs_nothing_wsl1_lacked(void **state)
{
    (void)state;
    hv_elf_report r;
    sim_diag_list d;
    assert_int_equal(inspect("/usr/bin/ls", &r, &d), 0);
    assert_int_equal(r.n_unsupported, 0);
    assert_true(has_import(&r, "opendir", NULL));
    assert_true(has_import(&r, "readdir", NULL) || has_import(&r, "readdir64", NULL));
    assert_int_equal(r.elf_class, 64);
    for (size_t i = 1; i < r.n_imports; i++) assert_true(strcmp(r.imports[i - 1].name, r.imports[i].name) < 0);
    hv_elf_report_free(&r);
    sim_diag_list_free(&d);
}

static void test_elf_dynamic_fixture_imports_exactly_its_calls(void **state)
{
    (void)state;
    hv_elf_report r;
    sim_diag_list d;
    assert_int_equal(inspect(DATA "dynamic-open-read-close", &r, &d), 0);
    assert_int_equal(r.linkage, HV_ELF_DYNAMIC);
    assert_int_equal(r.n_imports, 3);
    hv_sys_class c;
    assert_true(has_import(&r, "open", &c));
    assert_int_equal(c, HV_SYS_OPEN);
    assert_true(has_import(&r, "read", &c));
    assert_int_equal(c, HV_SYS_READ);
    assert_true(has_import(&r, "close", &c));
    assert_int_equal(c, HV_SYS_CLOSE);
    assert_string_equal(r.type, "DYN");
    assert_string_equal(r.machine, "x86-64");
    hv_workload w;
    hv_elf_workload(&r, &w);
    assert_int_equal(hv_workload_total(&w), 3);
    assert_int_equal(w.calls[HV_SYS_OPEN][HV_PLACE_OWN], 1);
    assert_string_equal(w.name, "elf:dynamic-open-read-close");
    assert_string_equal(w.wsl1_blocker, "");
    hv_elf_report_free(&r);
    sim_diag_list_free(&d);
}

static void test_elf_static_binary_with_symtab_lists_its_linked_in_wrappers(void **state)
{
    (void)state;
    hv_elf_report r;
    sim_diag_list d;
    assert_int_equal(inspect(DATA "static-symtab-unshare", &r, &d), 0);
    assert_int_equal(r.linkage, HV_ELF_STATIC_SYMTAB);
    assert_int_equal(r.n_imports, 2);
    assert_true(has_import(&r, "openat", NULL));
    assert_true(has_import(&r, "unshare", NULL));
    assert_int_equal(r.n_unsupported, 1);
    hv_workload w;
    hv_elf_workload(&r, &w);
    assert_string_equal(w.wsl1_blocker, "unshare");
    assert_int_equal(w.calls[HV_SYS_NS][HV_PLACE_NONE], 1);
    hv_elf_report_free(&r);
    sim_diag_list_free(&d);
}

static void test_elf_static_stripped_binary_says_imports_unknown(void **state)
{
    (void)state;
    hv_elf_report r;
    sim_diag_list d;
    assert_int_equal(inspect(DATA "static-stripped", &r, &d), 0);
    assert_int_equal(r.linkage, HV_ELF_STATIC_STRIPPED);
    assert_int_equal(r.n_imports, 0);
    assert_string_equal(r.type, "EXEC");
    hv_elf_report_free(&r);
    sim_diag_list_free(&d);
}

static void test_elf_bad_fixtures_are_refused_with_their_message(void **state)
{
    (void)state;
    hv_fixture fx[64];
    int n = hv_list_fixtures(BAD, "", ".bin", fx, 64);
    for (int i = 0; i < n; i++) {
        if (!fx[i].expected[0]) fprintf(stderr, "missing %s.expected\n", fx[i].name);
        assert_true(fx[i].expected[0] != '\0');
        hv_elf_report r;
        sim_diag_list d;
        int rc = inspect(fx[i].path, &r, &d);
        char text[2048] = "";
        if (d.len) sim_diag_format(&d.items[0], text, sizeof text);
        if (rc != -1 || !strstr(text, fx[i].expected))
            fprintf(stderr, "%s: got '%s', want '%s'\n", fx[i].file, text, fx[i].expected);
        assert_int_equal(rc, -1);
        assert_non_null(strstr(text, fx[i].expected));
        assert_non_null(strstr(text, fx[i].file));
        assert_null(r.imports);
        sim_diag_list_free(&d);
    }
    assert_true(n >= 8);
}

/* Every prefix of a real binary (stride 61 bytes) and every single-byte
 * corruption of its headers and section table: an error or a report,
 * never a crash (the sanitizer build turns an overrun into a failure). */
static void test_elf_truncations_and_byte_flips_never_crash(void **state)
{
    (void)state;
    size_t len = 0;
    char *bin = hv_read_file(DATA "dynamic-open-read-close", &len);
    assert_non_null(bin);
    int errors = 0, ok = 0;
    for (size_t cut = 0; cut < len; cut += 61) {
        hv_elf_report r;
        sim_diag_list d;
        sim_diag_list_init(&d);
        if (hv_elf_inspect_buffer("cut", bin, cut, &r, &d) == 0)
            ok++;
        else
            errors++;
        hv_elf_report_free(&r);
        sim_diag_list_free(&d);
    }
    assert_true(errors > 0);
    char *copy = malloc(len);
    assert_non_null(copy);
    for (size_t i = 0; i < len; i += (i < 64 ? 1 : 7)) {
        static const unsigned char flips[] = {0xff, 0x80, 0x01};
        for (size_t k = 0; k < sizeof flips; k++) {
            memcpy(copy, bin, len);
            copy[i] ^= (char)flips[k];
            hv_elf_report r;
            sim_diag_list d;
            sim_diag_list_init(&d);
            if (hv_elf_inspect_buffer("flip", copy, len, &r, &d) == 0) ok++;
            hv_elf_report_free(&r);
            sim_diag_list_free(&d);
        }
    }
    assert_true(ok > 0);
    free(copy);
    free(bin);
}

static void test_elf_directory_and_missing_file_are_errors(void **state)
{
    (void)state;
    hv_elf_report r;
    sim_diag_list d;
    assert_int_equal(inspect(DATA, &r, &d), -1);
    assert_int_equal(d.n_errors, 1);
    sim_diag_list_free(&d);
    assert_int_equal(inspect(DATA "no-such-binary", &r, &d), -1);
    assert_non_null(strstr(d.items[0].msg, "cannot open"));
    sim_diag_list_free(&d);
}

static const char *last_line(const char *text, char *buf, size_t cap)
{
    size_t n = strlen(text);
    while (n > 0 && text[n - 1] == '\n') n--;
    size_t b = n;
    while (b > 0 && text[b - 1] != '\n') b--;
    snprintf(buf, cap, "%.*s", (int)(n - b), text + b);
    return buf;
}

static void test_elf_hvsim_inspect_ends_with_the_wsl1_verdict(void **state)
{
    (void)state;
    hv_result r;
    char line[512];
    assert_int_equal(hv_hvsim(&r, "inspect", "/usr/bin/ls", NULL), 0);
    assert_int_equal(r.status, 0);
    assert_string_equal(last_line(r.out, line, sizeof line), "wsl1: ok");
    hv_result_free(&r);
    if (hv_exists("/usr/bin/unshare")) {
        assert_int_equal(hv_hvsim(&r, "inspect", "/usr/bin/unshare", NULL), 0);
        assert_int_equal(r.status, 0);
        last_line(r.out, line, sizeof line);
        assert_true(strncmp(line, "wsl1: unsupported: ", 19) == 0);
        assert_non_null(strstr(line, "mount"));
        assert_non_null(strstr(line, "unshare"));
        assert_non_null(strstr(r.out, "  ns "));
        hv_result_free(&r);
    }
    assert_int_equal(hv_hvsim(&r, "inspect", "--workload", DATA "static-symtab-unshare", NULL), 0);
    assert_int_equal(r.status, 0);
    assert_string_equal(last_line(r.out, line, sizeof line), "wsl1: unsupported: unshare");
    assert_non_null(strstr(r.out, "workload elf:static-symtab-unshare"));
    hv_result_free(&r);
}

static void test_elf_hvsim_inspect_exits_2_on_garbage_empty_and_truncated_files(void **state)
{
    (void)state;
    static const char *const bad[] = {BAD "empty.bin", BAD "text.bin", BAD "truncated_header.bin",
                                      BAD "truncated_file.bin"};
    for (size_t i = 0; i < 4; i++) {
        hv_result r;
        assert_int_equal(hv_hvsim(&r, "inspect", bad[i], NULL), 0);
        assert_int_equal(r.status, 2);
        assert_non_null(strstr(r.err, "error:"));
        assert_string_equal(r.out, "");
        hv_result_free(&r);
    }
    /* a good and a bad file: the good one is still reported, the status is 2 */
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "inspect", "/usr/bin/ls", BAD "empty.bin", NULL), 0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.out, "wsl1: ok"));
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "inspect", NULL), 0);
    assert_int_equal(r.status, 2);
    hv_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_elf_unshare_imports_namespace_calls_wsl1_cannot_run),
        cmocka_unit_test(test_elf_ls_needs_nothing_wsl1_lacked),
        cmocka_unit_test(test_elf_dynamic_fixture_imports_exactly_its_calls),
        cmocka_unit_test(test_elf_static_binary_with_symtab_lists_its_linked_in_wrappers),
        cmocka_unit_test(test_elf_static_stripped_binary_says_imports_unknown),
        cmocka_unit_test(test_elf_bad_fixtures_are_refused_with_their_message),
        cmocka_unit_test(test_elf_truncations_and_byte_flips_never_crash),
        cmocka_unit_test(test_elf_directory_and_missing_file_are_errors),
        cmocka_unit_test(test_elf_hvsim_inspect_ends_with_the_wsl1_verdict),
        cmocka_unit_test(test_elf_hvsim_inspect_exits_2_on_garbage_empty_and_truncated_files),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
