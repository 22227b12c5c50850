/* test_lexer.c: tokens, their locations, strings and escapes, comments,
 * line limits, the text check, and diagnostics formatting/suggestions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "lexer.h"

static sim_token next(sim_lexer *lx, sim_tok_kind kind, const char *text, int line, int col)
{
    sim_token t = sim_lexer_next(lx);
    assert_int_equal(t.kind, kind);
    if (text) {
        assert_int_equal(t.len, strlen(text));
        assert_memory_equal(t.text, text, t.len);
    }
    assert_int_equal(t.line, line);
    assert_int_equal(t.col, col);
    return t;
}

static void test_lexer_tokens_carry_file_line_and_column(void **state)
{
    const char *src = "at 1s uvm.start\n  set uvm.jitter=25%\n";
    sim_lexer lx;
    sim_token t;
    (void)state;
    sim_lexer_init(&lx, "x.hvs", src, strlen(src));
    t = next(&lx, SIM_TOK_WORD, "at", 1, 1);
    assert_string_equal(t.file, "x.hvs");
    next(&lx, SIM_TOK_WORD, "1s", 1, 4);
    next(&lx, SIM_TOK_WORD, "uvm.start", 1, 7);
    next(&lx, SIM_TOK_EOL, NULL, 1, 16);
    next(&lx, SIM_TOK_WORD, "set", 2, 3);
    next(&lx, SIM_TOK_WORD, "uvm.jitter", 2, 7);
    next(&lx, SIM_TOK_PUNCT, "=", 2, 17);
    next(&lx, SIM_TOK_WORD, "25%", 2, 18);
    next(&lx, SIM_TOK_EOL, NULL, 2, 21);
    next(&lx, SIM_TOK_EOF, NULL, 3, 1);
    next(&lx, SIM_TOK_EOF, NULL, 3, 1);
}

static void test_lexer_last_line_without_newline_still_ends_with_eol(void **state)
{
    sim_lexer lx;
    (void)state;
    sim_lexer_init(&lx, "x", "seed 7", 6);
    next(&lx, SIM_TOK_WORD, "seed", 1, 1);
    next(&lx, SIM_TOK_WORD, "7", 1, 6);
    next(&lx, SIM_TOK_EOL, NULL, 1, 7);
    next(&lx, SIM_TOK_EOF, NULL, 1, 7);
}

static void test_lexer_comments_run_to_end_of_line_but_not_inside_strings(void **state)
{
    const char *src = "# full line\nsay \"a # b\" # tail\r\n";
    sim_lexer lx;
    sim_token t;
    char buf[32];
    (void)state;
    sim_lexer_init(&lx, "x", src, strlen(src));
    next(&lx, SIM_TOK_EOL, NULL, 1, 12);
    next(&lx, SIM_TOK_WORD, "say", 2, 1);
    t = next(&lx, SIM_TOK_STRING, "\"a # b\"", 2, 5);
    sim_token_string(&t, buf, sizeof buf);
    assert_string_equal(buf, "a # b");
    next(&lx, SIM_TOK_EOL, NULL, 2, 20);
}

static void test_lexer_operators_are_punct_runs(void **state)
{
    const char *src = "a<=b != c => d<e";
    sim_lexer lx;
    (void)state;
    sim_lexer_init(&lx, "x", src, strlen(src));
    next(&lx, SIM_TOK_WORD, "a", 1, 1);
    next(&lx, SIM_TOK_PUNCT, "<=", 1, 2);
    next(&lx, SIM_TOK_WORD, "b", 1, 4);
    next(&lx, SIM_TOK_PUNCT, "!=", 1, 6);
    next(&lx, SIM_TOK_WORD, "c", 1, 9);
    next(&lx, SIM_TOK_PUNCT, "=>", 1, 11);
    next(&lx, SIM_TOK_WORD, "d", 1, 14);
    next(&lx, SIM_TOK_PUNCT, "<", 1, 15);
    next(&lx, SIM_TOK_WORD, "e", 1, 16);
}

static void test_lexer_bare_words_keep_path_characters(void **state)
{
    const char *src = "path=~/proj/node_modules ip=172.30.96.1 t=+1.5s v=${files}";
    sim_lexer lx;
    (void)state;
    sim_lexer_init(&lx, "x", src, strlen(src));
    next(&lx, SIM_TOK_WORD, "path", 1, 1);
    next(&lx, SIM_TOK_PUNCT, "=", 1, 5);
    next(&lx, SIM_TOK_WORD, "~/proj/node_modules", 1, 6);
    next(&lx, SIM_TOK_WORD, "ip", 1, 26);
    next(&lx, SIM_TOK_PUNCT, "=", 1, 28);
    next(&lx, SIM_TOK_WORD, "172.30.96.1", 1, 29);
    next(&lx, SIM_TOK_WORD, "t", 1, 41);
    next(&lx, SIM_TOK_PUNCT, "=", 1, 42);
    next(&lx, SIM_TOK_WORD, "+1.5s", 1, 43);
    next(&lx, SIM_TOK_WORD, "v", 1, 49);
    next(&lx, SIM_TOK_PUNCT, "=", 1, 50);
    next(&lx, SIM_TOK_WORD, "${files}", 1, 51);
}

static void test_lexer_string_escapes_decode(void **state)
{
    const char *src = "\"q\\\" b\\\\ n\\n t\\t\"";
    sim_lexer lx;
    sim_token t;
    char buf[32], small[4];
    (void)state;
    sim_lexer_init(&lx, "x", src, strlen(src));
    t = next(&lx, SIM_TOK_STRING, src, 1, 1);
    assert_int_equal(sim_token_string(&t, buf, sizeof buf), 11);
    assert_string_equal(buf, "q\" b\\ n\n t\t");
    assert_int_equal(sim_token_string(&t, small, sizeof small), 11);
    assert_string_equal(small, "q\" ");
}

static void test_lexer_unterminated_string_points_at_the_quote(void **state)
{
    const char *src = "title \"Boot\nseed 1\n";
    sim_lexer lx;
    (void)state;
    sim_lexer_init(&lx, "x", src, strlen(src));
    next(&lx, SIM_TOK_WORD, "title", 1, 1);
    next(&lx, SIM_TOK_ERROR, NULL, 1, 7);
    assert_string_equal(lx.err, "unterminated string");
    next(&lx, SIM_TOK_EOL, NULL, 1, 12);
    next(&lx, SIM_TOK_WORD, "seed", 2, 1);
}

static void test_lexer_unknown_escape_points_at_the_backslash(void **state)
{
    const char *src = "say \"a\\qb\" x";
    sim_lexer lx;
    (void)state;
    sim_lexer_init(&lx, "x", src, strlen(src));
    next(&lx, SIM_TOK_WORD, "say", 1, 1);
    next(&lx, SIM_TOK_ERROR, NULL, 1, 7);
    assert_non_null(strstr(lx.err, "unknown escape '\\q'"));
    next(&lx, SIM_TOK_EOL, NULL, 1, 13);
}

static void test_lexer_line_too_long_is_one_error_then_next_line(void **state)
{
    size_t n = SIM_LEX_MAX_LINE + 10;
    char *src = malloc(n + 8);
    sim_lexer lx;
    (void)state;
    memset(src, 'a', n);
    memcpy(src + n, "\nseed 1", 7);
    sim_lexer_init(&lx, "x", src, n + 7);
    next(&lx, SIM_TOK_ERROR, NULL, 1, SIM_LEX_MAX_LINE + 1);
    assert_non_null(strstr(lx.err, "line too long (4106 bytes; the limit is 4096)"));
    next(&lx, SIM_TOK_EOL, NULL, 1, (int)n + 1);
    next(&lx, SIM_TOK_WORD, "seed", 2, 1);
    free(src);
}

static void test_lexer_a_line_of_exactly_the_limit_is_fine(void **state)
{
    char src[SIM_LEX_MAX_LINE];
    sim_lexer lx;
    (void)state;
    memset(src, 'b', sizeof src);
    sim_lexer_init(&lx, "x", src, sizeof src);
    next(&lx, SIM_TOK_WORD, NULL, 1, 1);
}

static void test_text_check_finds_the_first_control_byte(void **state)
{
    int line = 0, col = 0;
    unsigned char byte = 0;
    const char bad[] = "ok\tline\r\nab\0c";
    (void)state;
    assert_int_equal(sim_text_check("fine\ttext\r\n\xc3\xa9", 12, &line, &col, &byte), 0);
    assert_int_equal(sim_text_check(bad, sizeof bad - 1, &line, &col, &byte), -1);
    assert_int_equal(line, 2);
    assert_int_equal(col, 3);
    assert_int_equal(byte, 0);
    assert_int_equal(sim_text_check("\x7f", 1, &line, &col, &byte), -1);
    assert_int_equal(byte, 0x7f);
}

static void test_diag_format_is_gnu_style_with_caret(void **state)
{
    sim_diag_list l;
    char buf[512];
    size_t n;
    (void)state;
    sim_diag_list_init(&l);
    sim_diag_add(&l, SIM_SEV_ERROR, "x.hvs", 3, 7, "at 1s uvm.strat", "unknown action '%s'", "uvm.strat");
    sim_diag_add(&l, SIM_SEV_WARNING, "", 0, 0, NULL, "plain");
    sim_diag_add(&l, SIM_SEV_NOTE, "y.hvs", 2, 2, "\tab", "tabbed");
    assert_int_equal(l.len, 3);
    assert_int_equal(l.n_errors, 1);
    assert_int_equal(l.n_warnings, 1);
    n = sim_diag_format(&l.items[0], buf, sizeof buf);
    assert_string_equal(buf, "x.hvs:3:7: error: unknown action 'uvm.strat'\n"
                             "    at 1s uvm.strat\n"
                             "          ^\n");
    assert_int_equal(n, strlen(buf));
    sim_diag_format(&l.items[1], buf, sizeof buf);
    assert_string_equal(buf, "warning: plain\n");
    sim_diag_format(&l.items[2], buf, sizeof buf);
    assert_string_equal(buf, "y.hvs:2:2: note: tabbed\n    \tab\n    \t^\n");
    /* a short buffer is cut but the needed length is still returned */
    assert_int_equal(sim_diag_format(&l.items[0], buf, 10), n);
    assert_int_equal(strlen(buf), 9);
    sim_diag_list_free(&l);
}

static void test_diag_caret_beyond_the_kept_line_is_omitted(void **state)
{
    sim_diag d;
    char buf[512];
    (void)state;
    memset(&d, 0, sizeof d);
    strcpy(d.file, "f");
    d.line = 1;
    d.col = 4097;
    strcpy(d.source_line, "aaaa");
    strcpy(d.msg, "line too long");
    sim_diag_format(&d, buf, sizeof buf);
    assert_string_equal(buf, "f:1:4097: error: line too long\n    aaaa\n");
}

static void test_suggest_finds_typos_swaps_and_case(void **state)
{
    const char *const kw[] = {"title", "about", "seed", "end", "expect", "every"};
    const char *const units[] = {"GB", "GiB", "MB"};
    (void)state;
    assert_string_equal(sim_suggest("tilte", kw, 6), "title");
    assert_string_equal(sim_suggest("sed", kw, 6), "seed");
    assert_string_equal(sim_suggest("expct", kw, 6), "expect");
    assert_string_equal(sim_suggest("gb", units, 3), "GB");
    assert_null(sim_suggest("banana", kw, 6));
    assert_null(sim_suggest("x", NULL, 0));
    /* distance allowed is max(1, len / 3): "abcd" -> "about" is 3 edits */
    assert_null(sim_suggest("abcd", kw, 6));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lexer_tokens_carry_file_line_and_column),
        cmocka_unit_test(test_lexer_last_line_without_newline_still_ends_with_eol),
        cmocka_unit_test(test_lexer_comments_run_to_end_of_line_but_not_inside_strings),
        cmocka_unit_test(test_lexer_operators_are_punct_runs),
        cmocka_unit_test(test_lexer_bare_words_keep_path_characters),
        cmocka_unit_test(test_lexer_string_escapes_decode),
        cmocka_unit_test(test_lexer_unterminated_string_points_at_the_quote),
        cmocka_unit_test(test_lexer_unknown_escape_points_at_the_backslash),
        cmocka_unit_test(test_lexer_line_too_long_is_one_error_then_next_line),
        cmocka_unit_test(test_lexer_a_line_of_exactly_the_limit_is_fine),
        cmocka_unit_test(test_text_check_finds_the_first_control_byte),
        cmocka_unit_test(test_diag_format_is_gnu_style_with_caret),
        cmocka_unit_test(test_diag_caret_beyond_the_kept_line_is_omitted),
        cmocka_unit_test(test_suggest_finds_typos_swaps_and_case),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
