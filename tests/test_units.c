/* test_units.c: quantities with units parse exactly, and every mistake is
 * named (missing unit, wrong kind, unknown unit, negative, overflow). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "units.h"
#include "value.h"

static int64_t bytes(const char *text)
{
    int64_t v = -12345;
    char why[200];
    assert_int_equal(sim_parse_bytes(text, &v, why, sizeof why), 0);
    return v;
}

static int64_t dur(const char *text)
{
    int64_t v = -12345;
    char why[200];
    assert_int_equal(sim_parse_duration(text, &v, why, sizeof why), 0);
    return v;
}

static void bytes_fails_with(const char *text, const char *msg)
{
    int64_t v = 77;
    char why[200] = "";
    assert_int_equal(sim_parse_bytes(text, &v, why, sizeof why), -1);
    assert_non_null(strstr(why, msg));
    assert_int_equal(v, 77);
}

static void dur_fails_with(const char *text, const char *msg)
{
    int64_t v = 77;
    char why[200] = "";
    assert_int_equal(sim_parse_duration(text, &v, why, sizeof why), -1);
    assert_non_null(strstr(why, msg));
}

static void test_units_decimal_sizes_are_powers_of_1000(void **state)
{
    (void)state;
    assert_int_equal(bytes("1B"), 1);
    assert_int_equal(bytes("1KB"), 1000);
    assert_int_equal(bytes("1MB"), 1000000);
    assert_int_equal(bytes("20GB"), 20000000000LL);
    assert_int_equal(bytes("1TB"), 1000000000000LL);
}

static void test_units_binary_sizes_are_powers_of_1024(void **state)
{
    (void)state;
    assert_int_equal(bytes("1KiB"), 1024);
    assert_int_equal(bytes("1MiB"), 1048576);
    assert_int_equal(bytes("8GiB"), 8LL * 1073741824LL);
    assert_int_equal(bytes("2TiB"), 2LL * 1099511627776LL);
}

static void test_units_decimals_round_to_the_nearest_byte(void **state)
{
    (void)state;
    assert_int_equal(bytes("1.5GB"), 1500000000LL);
    assert_int_equal(bytes("0.5KiB"), 512);
    assert_int_equal(bytes("1.0005KB"), 1001);   /* 1000.5 rounds half up */
    assert_int_equal(bytes("1.0004KB"), 1000);
    assert_int_equal(bytes("0.001KiB"), 1);      /* 1.024 */
    assert_int_equal(bytes("1.000000001TiB"), 1099511628876LL); /* + 1099.51 -> 1100 */
}

static void test_units_durations_cover_ns_to_hours(void **state)
{
    (void)state;
    assert_int_equal(dur("7ns"), 7);
    assert_int_equal(dur("3us"), 3000);
    assert_int_equal(dur("250ms"), 250000000LL);
    assert_int_equal(dur("1.5s"), 1500000000LL);
    assert_int_equal(dur("2min"), 120000000000LL);
    assert_int_equal(dur("1h"), 3600000000000LL);
    assert_int_equal(dur("0.000000001s"), 1);
    assert_int_equal(dur("0s"), 0);
}

static const char *fmt_duration(int64_t ns, char *buf, size_t cap)
{
    sim_value v = {.i = ns};
    return sim_value_format(SIM_T_DURATION, v, NULL, buf, cap);
}

static void test_units_long_durations_read_in_words(void **state)
{
    (void)state;
    char b[64];
    assert_string_equal(fmt_duration(1650 * SIM_MS, b, sizeof b), "1.65 s");
    assert_string_equal(fmt_duration(438 * SIM_MS, b, sizeof b), "438 ms");
    assert_string_equal(fmt_duration(SIM_MIN, b, sizeof b), "1 min");
    assert_string_equal(fmt_duration(82200 * SIM_MS, b, sizeof b), "1 min 22.2 s");
    assert_string_equal(fmt_duration(150 * SIM_S, b, sizeof b), "2 min 30 s");
    assert_string_equal(fmt_duration(5940 * SIM_S, b, sizeof b), "1 h 39 min");
    assert_string_equal(fmt_duration(11940 * SIM_S, b, sizeof b), "3 h 19 min");
    assert_string_equal(fmt_duration(2 * SIM_H, b, sizeof b), "2 h");
    assert_string_equal(fmt_duration(SIM_H - 10 * SIM_MS, b, sizeof b), "1 h"); /* rounds up */
    assert_string_equal(fmt_duration(-90 * SIM_S, b, sizeof b), "-1 min 30 s");
    assert_string_equal(fmt_duration(SIM_NEVER, b, sizeof b), "-");
}

static void test_units_missing_unit_is_an_error_even_for_zero(void **state)
{
    (void)state;
    dur_fails_with("10", "missing unit: expected a duration such as 10s");
    dur_fails_with("0", "missing unit");
    bytes_fails_with("32", "missing unit: expected a size such as 20GB");
}

static void test_units_wrong_kind_names_both_kinds(void **state)
{
    (void)state;
    dur_fails_with("5GB", "wrong unit kind: 'GB' is a size, expected a duration");
    bytes_fails_with("5s", "wrong unit kind: 's' is a duration, expected a size");
    bytes_fails_with("5%", "wrong unit kind: '%' is a percentage, expected a size");
}

static void test_units_are_case_sensitive_with_a_suggestion(void **state)
{
    (void)state;
    bytes_fails_with("32gb", "unknown unit 'gb' in '32gb'; did you mean 'GB'?");
    dur_fails_with("1sec", "unknown unit 'sec'");
    bytes_fails_with("1kib", "did you mean 'KiB'?");
}

static void test_units_negative_sizes_and_durations_are_errors(void **state)
{
    (void)state;
    bytes_fails_with("-8GB", "negative size: '-8GB'");
    dur_fails_with("-1s", "negative duration: '-1s'");
    assert_int_equal(dur("-0s"), 0);
}

static void test_units_overflow_is_reported_not_wrapped(void **state)
{
    (void)state;
    bytes_fails_with("9999999TiB", "too large");
    dur_fails_with("99999999999999999999s", "number too large");
    dur_fails_with("2562048h", "too large"); /* > 2^63 ns */
    assert_int_equal(dur("2562047h"), 2562047LL * 3600000000000LL);
}

static void test_units_malformed_numbers_are_rejected(void **state)
{
    (void)state;
    dur_fails_with("", "expected a duration such as 10s, got ''");
    dur_fails_with("s", "expected a duration");
    dur_fails_with(".5s", "expected a duration");
    dur_fails_with("1.s", "expected digits after '.'");
    dur_fails_with("1.0000000001s", "too many digits after the decimal point");
    dur_fails_with("1 s", "unknown unit ' s'");
}

static void test_units_ratio_accepts_fraction_and_percent(void **state)
{
    double r = -1;
    char why[200];
    (void)state;
    assert_int_equal(sim_parse_ratio("0.25", &r, why, sizeof why), 0);
    assert_true(r == 0.25);
    assert_int_equal(sim_parse_ratio("25%", &r, why, sizeof why), 0);
    assert_true(r == 0.25);
    assert_int_equal(sim_parse_ratio("150%", &r, why, sizeof why), 0);
    assert_true(r == 1.5);
    assert_int_equal(sim_parse_ratio("-0.5", &r, why, sizeof why), 0);
    assert_true(r == -0.5);
    assert_int_equal(sim_parse_ratio("2s", &r, why, sizeof why), -1);
    assert_non_null(strstr(why, "expected a ratio such as 0.25 or 25%"));
}

static void test_units_count_is_a_plain_whole_number(void **state)
{
    int64_t v = 0;
    char why[200];
    (void)state;
    assert_int_equal(sim_parse_count("200000", &v, why, sizeof why), 0);
    assert_int_equal(v, 200000);
    assert_int_equal(sim_parse_count("-3", &v, why, sizeof why), 0);
    assert_int_equal(v, -3);
    assert_int_equal(sim_parse_count("1.5", &v, why, sizeof why), -1);
    assert_non_null(strstr(why, "expected a whole number"));
    assert_int_equal(sim_parse_count("8GB", &v, why, sizeof why), -1);
    assert_non_null(strstr(why, "unexpected unit 'GB'"));
}

static void test_units_table_documents_every_unit(void **state)
{
    size_t n, i;
    const sim_unit_def *t = sim_units_table(&n);
    (void)state;
    assert_int_equal(n, 16);
    for (i = 0; i < n; i++) {
        assert_ptr_equal(sim_unit_find(t[i].name, strlen(t[i].name)), &t[i]);
        assert_true(strlen(t[i].doc) > 0);
    }
    assert_null(sim_unit_find("Gb", 2));
    assert_int_equal(sim_unit_find("min", 3)->factor, SIM_MIN);
}

static void test_units_null_why_is_allowed(void **state)
{
    int64_t v;
    (void)state;
    assert_int_equal(sim_parse_bytes("x", &v, NULL, 0), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_units_decimal_sizes_are_powers_of_1000),
        cmocka_unit_test(test_units_binary_sizes_are_powers_of_1024),
        cmocka_unit_test(test_units_decimals_round_to_the_nearest_byte),
        cmocka_unit_test(test_units_durations_cover_ns_to_hours),
        cmocka_unit_test(test_units_long_durations_read_in_words),
        cmocka_unit_test(test_units_missing_unit_is_an_error_even_for_zero),
        cmocka_unit_test(test_units_wrong_kind_names_both_kinds),
        cmocka_unit_test(test_units_are_case_sensitive_with_a_suggestion),
        cmocka_unit_test(test_units_negative_sizes_and_durations_are_errors),
        cmocka_unit_test(test_units_overflow_is_reported_not_wrapped),
        cmocka_unit_test(test_units_malformed_numbers_are_rejected),
        cmocka_unit_test(test_units_ratio_accepts_fraction_and_percent),
        cmocka_unit_test(test_units_count_is_a_plain_whole_number),
        cmocka_unit_test(test_units_table_documents_every_unit),
        cmocka_unit_test(test_units_null_why_is_allowed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
