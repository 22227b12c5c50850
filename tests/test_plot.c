/* test_plot.c: `hvsim plot` draws a sweep's CSV for a slide.
 *
 * In-process: the chart of a small CSV with known values puts each point
 * at its mean and its bar at mean +- the sample standard deviation (or at
 * the smallest and largest value), in the unit the values share, and says
 * in the subtitle what the bars are.  Through the binary: a real sweep
 * (idle-shutdown over vm_idle_timeout, three repetitions) is drawn to a
 * PNG (checked: a PNG of the asked size, not blank -- hvsim-view draws it)
 * and to an SVG; every tests/bad/plot fixture is refused with its message,
 * exit 2 and no image. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>

#include <cmocka.h>

#include "cli_harness.h"
#include "csv_read.h"
#include "plot_chart.h"

#define BAD HVSIM_SOURCE_DIR "/tests/bad/plot"

static char *write_tmp(const char *dir, const char *name, const char *text)
{
    static char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    assert_int_equal(hv_write_file(path, text), 0);
    return path;
}

static int has_text(const figure *f, const char *text)
{
    for (size_t i = 0; i < f->n; i++)
        if (f->items[i].kind == FIG_TEXT && strcmp(f->items[i].text, text) == 0) return 1;
    return 0;
}

/* The vertical error-bar line at px x (the longest one there; the axis's
 * tick marks, 10 px, are not bars). */
static const fig_item *bar_at(const figure *f, double x)
{
    const fig_item *best = NULL;
    for (size_t i = 0; i < f->n; i++) {
        const fig_item *it = &f->items[i];
        if (it->kind == FIG_LINE && it->x1 == x && it->x2 == x && fabs(it->y2 - it->y1) > 12 &&
            (!best || fabs(it->y2 - it->y1) > fabs(best->y2 - best->y1)))
            best = it;
    }
    return best;
}

static void chart_of(const char *csv_text, chart_error_bars bars, figure *f)
{
    char *dir = hv_tmpdir();
    char *path = write_tmp(dir, "s.csv", csv_text);
    csv_table t;
    char why[512];
    assert_int_equal(csv_read(path, &t, why, sizeof why), 0);
    chart_opts o = {path, "k", "uvm.prompt_latency", NULL, NULL, bars, 1600, 900};
    if (chart_build(&t, &o, f, why, sizeof why) != 0) fail_msg("%s", why);
    csv_free(&t);
    hv_rmdir(dir);
    free(dir);
}

static void test_points_sit_at_the_mean_and_bars_span_one_standard_deviation(void **state)
{
    (void)state;
    /* x = 30 s: y = 1 s and 3 s (mean 2 s, sd 1.414 s); x = 60 s: 2 s once. */
    figure f;
    chart_of("k,uvm.prompt_latency\n30s,1000000000\n30s,3000000000\n60s,2000000000\n", CHART_ERR_SD, &f);
    assert_true(has_text(&f, "uvm.prompt_latency (s)"));
    assert_true(has_text(&f, "k (s)"));
    assert_true(has_text(&f, "0.0"));
    assert_non_null(strstr(f.items[1].text, "mean \xc2\xb1 1 standard deviation"));
    /* Discs: find the first series disc (radius 10) at each x. */
    const fig_item *d30 = NULL, *d60 = NULL;
    for (size_t i = 0; i < f.n; i++)
        if (f.items[i].kind == FIG_DISC && f.items[i].x2 == 10) {
            if (!d30) d30 = &f.items[i];
            else if (!d60) d60 = &f.items[i];
        }
    assert_non_null(d30);
    assert_non_null(d60);
    assert_true(fabs(d30->y1 - d60->y1) < 1e-6); /* both means are 2 s */
    const fig_item *bar = bar_at(&f, d30->x1);
    assert_non_null(bar);
    /* Bar half-length / (distance from 0 to the mean) = sd / mean. */
    double zero_y = 0;
    for (size_t i = 0; i < f.n; i++)
        if (f.items[i].kind == FIG_TEXT && strcmp(f.items[i].text, "0.0") == 0) zero_y = f.items[i].y1;
    double half = fabs(bar->y2 - bar->y1) / 2, mean_h = zero_y - d30->y1;
    assert_true(fabs(half / mean_h - sqrt(2.0) / 2) < 1e-6);
    assert_null(bar_at(&f, d60->x1)); /* one run: no bar */
    fig_free(&f);
    chart_of("k,uvm.prompt_latency\n30s,1000000000\n30s,3000000000\n30s,2000000000\n", CHART_ERR_MINMAX, &f);
    assert_non_null(strstr(f.items[1].text, "smallest to largest"));
    fig_free(&f);
}

static void test_hvsim_plot_draws_a_sweep_to_png_and_svg(void **state)
{
    (void)state;
    char *dir = hv_tmpdir(), csv[4200], png[4200], svg[4200];
    snprintf(csv, sizeof csv, "%s/idle.csv", dir);
    snprintf(png, sizeof png, "%s/idle.png", dir);
    snprintf(svg, sizeof svg, "%s/idle.svg", dir);
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "sweep", HVSIM_SOURCE_DIR "/scenarios/idle-shutdown.hvs", "--vary",
                              "uvm.vm_idle_timeout=30s,60s,120s", "--repeat", "3", "-j", "2", "--csv",
                              csv, NULL),
                     0);
    assert_int_equal(r.status, 1);
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "plot", csv, "--x", "uvm.vm_idle_timeout", "--y",
                              "uvm.prompt_latency", "--size", "1280x720", png, NULL),
                     0);
#ifdef HVSIM_HAVE_VIEWER
    if (r.status != 0) fail_msg("plot png: %d: %s", r.status, r.err);
    size_t len = 0;
    unsigned char *img = (unsigned char *)hv_read_file(png, &len);
    assert_non_null(img);
    assert_true(len > 10000);
    assert_memory_equal(img, "\x89PNG\r\n\x1a\n", 8);
    /* IHDR: width and height, big-endian, at bytes 16..23. */
    assert_int_equal((img[16] << 24) | (img[17] << 16) | (img[18] << 8) | img[19], 1280);
    assert_int_equal((img[20] << 24) | (img[21] << 16) | (img[22] << 8) | img[23], 720);
    free(img);
#else
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "write an .svg instead"));
#endif
    hv_result_free(&r);
    assert_int_equal(hv_hvsim(&r, "plot", csv, "--x", "uvm.vm_idle_timeout", "--y",
                              "uvm.prompt_latency", "--by", "repetition", svg, NULL),
                     0);
    if (r.status != 0) fail_msg("plot svg: %d: %s", r.status, r.err);
    hv_result_free(&r);
    char *text = hv_read_file(svg, NULL);
    assert_non_null(text);
    assert_non_null(strstr(text, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1600\""));
    assert_non_null(strstr(text, ">uvm.vm_idle_timeout (s)</text>"));
    assert_non_null(strstr(text, ">repetition = 3</text>"));
    assert_non_null(strstr(text, "</svg>\n"));
    free(text);
    hv_rmdir(dir);
    free(dir);
}

static void test_plot_refuses_every_bad_fixture_with_its_message(void **state)
{
    (void)state;
    static hv_fixture fx[64];
    int n = hv_list_fixtures(BAD, "", ".csv", fx, 64);
    assert_true(n >= 8);
    char *dir = hv_tmpdir(), out[4200];
    snprintf(out, sizeof out, "%s/out.svg", dir);
    for (int i = 0; i < n; i++) {
        if (!fx[i].expected[0]) fail_msg("%s has no .expected", fx[i].name);
        hv_result r;
        assert_int_equal(hv_hvsim(&r, "plot", fx[i].path, "--x", "a", "--y", "b", out, NULL), 0);
        if (r.status != 2 || !strstr(r.err, fx[i].expected))
            fail_msg("%s: status %d, stderr:\n%s\nwant '%s'", fx[i].name, r.status, r.err, fx[i].expected);
        assert_false(hv_exists(out));
        hv_result_free(&r);
    }
    hv_result r;
    assert_int_equal(hv_hvsim(&r, "plot", BAD "/ragged.csv", "--x", "a", "--y", "b", out, "--error",
                              "range", NULL),
                     0);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "bad value for --error: 'range' (sd or minmax)"));
    hv_result_free(&r);
    hv_rmdir(dir);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_points_sit_at_the_mean_and_bars_span_one_standard_deviation),
        cmocka_unit_test(test_hvsim_plot_draws_a_sweep_to_png_and_svg),
        cmocka_unit_test(test_plot_refuses_every_bad_fixture_with_its_message),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
