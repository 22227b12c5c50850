/* test_ini.c: the generic INI reader -- sections, key=value, comments,
 * blanks, CRLF, a UTF-8 BOM, quoting and escapes, and every error with its
 * line and column.  Nothing here knows about WSL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ini.h"

typedef struct parsed {
    wsl_ini ini;
    sim_diag_list diags;
    int rc;
} parsed;

static void parse_n(parsed *p, const char *text, size_t len)
{
    sim_diag_list_init(&p->diags);
    p->rc = wsl_ini_parse("t.ini", text, len, &p->ini, &p->diags);
}

static void parse(parsed *p, const char *text) { parse_n(p, text, strlen(text)); }

static void done(parsed *p)
{
    wsl_ini_free(&p->ini);
    sim_diag_list_free(&p->diags);
}

/* Exactly one error, at line:col, whose message contains want. */
static void one_error(const char *text, int line, int col, const char *want)
{
    parsed p;
    parse(&p, text);
    assert_int_equal(p.rc, -1);
    assert_int_equal(p.diags.n_errors, 1);
    assert_string_equal(p.diags.items[0].file, "t.ini");
    assert_int_equal(p.diags.items[0].line, line);
    assert_int_equal(p.diags.items[0].col, col);
    if (!strstr(p.diags.items[0].msg, want))
        fail_msg("message '%s' lacks '%s'", p.diags.items[0].msg, want);
    done(&p);
}

static void test_ini_reads_sections_keys_and_values_in_order(void **st)
{
    (void)st;
    parsed p;
    parse(&p, "[wsl2]\nmemory=8GB\nprocessors = 4\n\n[experimental]\nsparseVhd=true\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.diags.len, 0);
    assert_int_equal(p.ini.n_sections, 2);
    assert_int_equal(p.ini.n_entries, 3);
    assert_string_equal(p.ini.entries[0].key, "memory");
    assert_string_equal(p.ini.entries[0].value, "8GB");
    assert_string_equal(wsl_ini_section_of(&p.ini, &p.ini.entries[0]), "wsl2");
    assert_string_equal(p.ini.entries[1].key, "processors");
    assert_string_equal(p.ini.entries[1].value, "4");
    assert_int_equal(p.ini.entries[1].line, 3);
    assert_int_equal(p.ini.entries[1].key_col, 1);
    assert_int_equal(p.ini.entries[1].value_col, 14);
    assert_string_equal(wsl_ini_section_of(&p.ini, &p.ini.entries[2]), "experimental");
    assert_int_equal(p.ini.sections[1].line, 5);
    assert_int_equal(p.ini.sections[1].col, 2);
    done(&p);
}

static void test_ini_skips_comments_blanks_and_inline_comments(void **st)
{
    (void)st;
    parsed p;
    parse(&p, "# full line\n  ; also a comment\n\t\n[ wsl2 ]  # trailing\n"
              "  memory = 8GB   # half of my RAM\nswap=0;not a comment\nkernelCommandLine = a;b ; c\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.ini.n_entries, 3);
    assert_string_equal(p.ini.sections[0].name, "wsl2");
    assert_string_equal(p.ini.entries[0].value, "8GB");
    assert_int_equal(p.ini.entries[0].key_col, 3);
    assert_string_equal(p.ini.entries[1].value, "0;not a comment"); /* no blank before ';' */
    assert_string_equal(p.ini.entries[2].value, "a;b");
    done(&p);
}

static void test_ini_handles_crlf_and_a_utf8_bom(void **st)
{
    (void)st;
    parsed p;
    parse(&p, "\xEF\xBB\xBF[wsl2]\r\nmemory=4GB\r\n# \xC3\xA9t\xC3\xA9 comment\r\nswap=1GB");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.ini.n_entries, 2);
    assert_string_equal(p.ini.sections[0].name, "wsl2");
    assert_int_equal(p.ini.sections[0].col, 2); /* columns count after the BOM */
    assert_string_equal(p.ini.entries[0].value, "4GB");
    assert_string_equal(p.ini.entries[1].value, "1GB"); /* last line without a newline */
    assert_int_equal(p.ini.entries[1].line, 4);
    done(&p);
}

static void test_ini_unquotes_values_and_decodes_backslash_escapes(void **st)
{
    (void)st;
    parsed p;
    parse(&p, "[wsl2]\nkernel=C:\\\\temp\\\\myKernel\nswapFile=\"C:\\\\My Temp\\\\swap.vhdx\"  # q\n"
              "odd=C:\\temp\\x\nquote=\"say \\\"hi\\\"\"\nempty=\n");
    assert_int_equal(p.rc, 0);
    assert_string_equal(p.ini.entries[0].value, "C:\\temp\\myKernel");
    assert_string_equal(p.ini.entries[1].value, "C:\\My Temp\\swap.vhdx");
    assert_int_equal(p.ini.entries[1].value_col, 10); /* the opening quote */
    assert_string_equal(p.ini.entries[2].value, "C:\\temp\\x"); /* single backslashes kept */
    assert_string_equal(p.ini.entries[3].value, "say \"hi\"");
    assert_string_equal(p.ini.entries[4].value, "");
    done(&p);
}

static void test_ini_keys_before_any_section_have_section_minus_one(void **st)
{
    (void)st;
    parsed p;
    parse(&p, "memory=2GB\n[wsl2]\n");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.ini.entries[0].section, -1);
    assert_string_equal(wsl_ini_section_of(&p.ini, &p.ini.entries[0]), "");
    done(&p);
}

static void test_ini_reports_each_malformed_line_with_line_and_column(void **st)
{
    (void)st;
    one_error("[wsl2\n", 1, 6, "expected ']'");
    one_error("[  ]\n", 1, 1, "empty section name");
    one_error("[wsl2] extra\n", 1, 8, "unexpected text after the section header");
    one_error("[wsl2]\nmemory 8GB\n", 2, 1, "expected 'key = value'");
    one_error("[wsl2]\n  = 8GB\n", 2, 3, "missing key before '='");
    one_error("[wsl2]\nmy key=1\n", 2, 3, "invalid character ' ' in key");
    one_error("[wsl2]\nkernel=\"C:\\\\k\n", 2, 8, "unterminated quoted value");
    one_error("[wsl2]\nkernel=\"C:\\\\k\" junk\n", 2, 16, "unexpected text after the quoted value");
}

static void test_ini_goes_on_after_an_error_and_keeps_good_entries(void **st)
{
    (void)st;
    parsed p;
    parse(&p, "[wsl2]\nbad line\nmemory=8GB\n[oops\nswap=0\n");
    assert_int_equal(p.rc, -1);
    assert_int_equal(p.diags.n_errors, 2);
    assert_int_equal(p.diags.items[0].line, 2);
    assert_int_equal(p.diags.items[1].line, 4);
    assert_int_equal(p.ini.n_entries, 2);
    assert_string_equal(p.ini.entries[1].key, "swap");
    assert_string_equal(p.diags.items[0].source_line, "bad line");
    done(&p);
}

static void test_ini_refuses_binary_bytes_once_with_their_position(void **st)
{
    (void)st;
    static const char bin[] = "[wsl2]\nmem\0ry=1\n\x01\x02\x03\n";
    parsed p;
    parse_n(&p, bin, sizeof bin - 1);
    assert_int_equal(p.rc, -1);
    assert_int_equal(p.diags.n_errors, 1); /* stops at the first: no flood */
    assert_int_equal(p.diags.items[0].line, 2);
    assert_int_equal(p.diags.items[0].col, 4);
    assert_non_null(strstr(p.diags.items[0].msg, "not a text file (byte 0x00)"));
    done(&p);
}

static void test_ini_refuses_a_line_longer_than_the_limit(void **st)
{
    (void)st;
    static char text[WSL_INI_MAX_LINE + 64];
    memset(text, 'a', sizeof text);
    memcpy(text, "[wsl2]\nk=", 9);
    text[sizeof text - 2] = '\n';
    text[sizeof text - 1] = '\0';
    parsed p;
    parse(&p, text);
    assert_int_equal(p.rc, -1);
    assert_int_equal(p.diags.items[0].line, 2);
    assert_non_null(strstr(p.diags.items[0].msg, "line too long"));
    done(&p);
}

static void test_ini_stops_after_the_error_limit(void **st)
{
    (void)st;
    char text[4096] = "";
    for (int i = 0; i < 50; i++) strcat(text, "garbage\n");
    parsed p;
    parse(&p, text);
    assert_int_equal(p.rc, -1);
    assert_int_equal(p.diags.n_errors, WSL_INI_MAX_ERRORS);
    done(&p);
}

static void test_ini_empty_text_is_valid_and_empty(void **st)
{
    (void)st;
    parsed p;
    parse(&p, "");
    assert_int_equal(p.rc, 0);
    assert_int_equal(p.ini.n_entries, 0);
    assert_int_equal(p.ini.n_sections, 0);
    done(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ini_reads_sections_keys_and_values_in_order),
        cmocka_unit_test(test_ini_skips_comments_blanks_and_inline_comments),
        cmocka_unit_test(test_ini_handles_crlf_and_a_utf8_bom),
        cmocka_unit_test(test_ini_unquotes_values_and_decodes_backslash_escapes),
        cmocka_unit_test(test_ini_keys_before_any_section_have_section_minus_one),
        cmocka_unit_test(test_ini_reports_each_malformed_line_with_line_and_column),
        cmocka_unit_test(test_ini_goes_on_after_an_error_and_keeps_good_entries),
        cmocka_unit_test(test_ini_refuses_binary_bytes_once_with_their_position),
        cmocka_unit_test(test_ini_refuses_a_line_longer_than_the_limit),
        cmocka_unit_test(test_ini_stops_after_the_error_limit),
        cmocka_unit_test(test_ini_empty_text_is_valid_and_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
