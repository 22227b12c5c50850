/* cmd_plot.c: `hvsim plot F.csv --x KEY --y METRIC [--by KEY] OUT.png|OUT.svg`.
 *
 * Reads a sweep's CSV (csv_read.h), lays the chart out as a figure
 * (plot_chart.h) and writes it: SVG here, PNG through the writer that
 * hvsim-view passes in (plot/figure_png.h, SDL2).  In hvsim, which links no
 * SDL2, a PNG request execs hvsim-view (exec_viewer.h), which runs this
 * same command with the PNG writer.  Bad input (no such column, a cell that
 * is not a number, a broken CSV) is `file:line: error: ...`, exit 2, no
 * output file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "atomic_file.h"
#include "commands.h"
#include "common.h"
#include "csv_read.h"
#include "exec_viewer.h"
#include "plot_chart.h"

enum { OPT_X, OPT_Y, OPT_BY, OPT_ERROR, OPT_TITLE, OPT_SIZE };

static const cli_optdef plot_optdefs[] = {
    [OPT_X] = {"--x", "KEY", "the column along the x axis (a varied parameter)"},
    [OPT_Y] = {"--y", "METRIC", "the column up the y axis (a metric)"},
    [OPT_BY] = {"--by", "KEY", "one line per value of this column"},
    [OPT_ERROR] = {"--error", "sd|minmax", "bars: mean +- 1 standard deviation (default) or min..max"},
    [OPT_TITLE] = {"--title", "TEXT", "the chart's title (default: METRIC vs KEY)"},
    [OPT_SIZE] = {"--size", "WxH", "image size in pixels (default 1600x900, 16:9)"},
};

static int on_option(void *user, int idx, const char *value)
{
    chart_opts *o = user;
    switch (idx) {
    case OPT_X: o->x = value; return 0;
    case OPT_Y: o->y = value; return 0;
    case OPT_BY: o->by = value; return 0;
    case OPT_TITLE: o->title = value; return 0;
    case OPT_ERROR:
        if (strcmp(value, "sd") == 0) o->bars = CHART_ERR_SD;
        else if (strcmp(value, "minmax") == 0) o->bars = CHART_ERR_MINMAX;
        else {
            cli_error("bad value for --error: '%s' (sd or minmax)", value);
            return -1;
        }
        return 0;
    case OPT_SIZE: return cli_parse_size(value, &o->w, &o->h);
    default: return -1;
    }
}

static int ends_with(const char *s, const char *tail)
{
    size_t a = strlen(s), b = strlen(tail);
    return a >= b && strcmp(s + a - b, tail) == 0;
}

static int write_svg(const figure *f, const char *path)
{
    cli_afile out;
    if (cli_afile_open(&out, path) != 0 || fig_write_svg(out.f, f) != 0 ||
        cli_afile_commit(&out) != 0) {
        cli_error("cannot write '%s'", path);
        cli_afile_abort(&out);
        return -1;
    }
    return 0;
}

static const char plot_usage[] = "hvsim plot F.csv --x KEY --y METRIC [--by KEY] OUT.png|OUT.svg";
static const char plot_about[] =
    "Draws a sweep's CSV (hvsim sweep --csv): the mean of METRIC against KEY, one line per\n"
    "value of --by, with error bars over the repetitions, in a size and type that read on a\n"
    "slide.  Units come from the values and the metric's type (s, ms, GiB ...).";

int cli_cmd_plot_with(int argc, char **argv, cli_png_writer png)
{
    chart_opts o;
    memset(&o, 0, sizeof o);
    o.w = 1600;
    o.h = 900;
    const char **pos = calloc((size_t)argc + 1, sizeof *pos);
    size_t n_pos = 0;
    if (!pos) {
        cli_error("out of memory");
        return CLI_EXIT_USAGE;
    }
    int status = CLI_EXIT_USAGE;
    csv_table t;
    memset(&t, 0, sizeof t);
    figure f;
    memset(&f, 0, sizeof f);
    int rc = cli_args_parse(argc, argv, 2, plot_optdefs, SIM_COUNTOF(plot_optdefs), on_option, &o,
                            pos, &n_pos);
    if (rc == CLI_ARGS_HELP) {
        cli_args_help(stdout, plot_usage, plot_about, plot_optdefs, SIM_COUNTOF(plot_optdefs));
        status = CLI_EXIT_OK;
        goto out;
    }
    if (rc != CLI_ARGS_OK) goto out;
    if (n_pos != 2 || !o.x || !o.y) {
        cli_error("plot needs a CSV, --x, --y and an output file (try 'hvsim plot --help')");
        goto out;
    }
    const char *csv = pos[0], *img = pos[1];
    if (ends_with(csv, ".png") || ends_with(csv, ".svg")) {
        csv = pos[1];
        img = pos[0];
    }
    int is_png = ends_with(img, ".png");
    if (!is_png && !ends_with(img, ".svg")) {
        cli_error("the output must end in .png or .svg: '%s'", img);
        goto out;
    }
    if (is_png && !png) {
        free(pos);
        return cli_exec_viewer(argc, argv); /* the PNG writer links SDL2 */
    }
    o.path = csv;
    char why[1024];
    if (csv_read(csv, &t, why, sizeof why) != 0 || chart_build(&t, &o, &f, why, sizeof why) != 0) {
        fprintf(stderr, "%s\n", why);
        goto out;
    }
    if (is_png) {
        if (png(&f, img, why, sizeof why) != 0) {
            cli_error("%s", why);
            goto out;
        }
    } else if (write_svg(&f, img) != 0) {
        goto out;
    }
    printf("wrote %s (%dx%d)\n", img, o.w, o.h);
    status = CLI_EXIT_OK;
out:
    fig_free(&f);
    csv_free(&t);
    free(pos);
    return status;
}

int cli_cmd_plot(int argc, char **argv)
{
    return cli_cmd_plot_with(argc, argv, NULL);
}
