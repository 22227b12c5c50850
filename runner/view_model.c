/* view_model.c: a model as the viewer's frame shows it -- its metrics and
 * parameters formatted, and its view (sim/view.h) resolved against its own
 * tables: strips, bars, key items, badges that hold now, lanes with the
 * stage of its latest event.  Everything is copied out of the model's
 * static tables and its state; nothing here knows a model by name.
 *
 * Formatting is the kernel's (sim_value_format), with two readings for
 * people: a negative byte count is a shortfall ("short by 2.39 GiB"), and a
 * parameter value the model gives a word for is shown as that word
 * ("auto"). */
#include "view_model.h"

#include <stdio.h>
#include <string.h>

/* A value as people read it: negative bytes are a shortfall. */
static void format_value(sim_type t, sim_value v, const char *const *enum_names, char *buf,
                         size_t cap)
{
    if (t == SIM_T_BYTES && v.i < 0) {
        char b[24];
        sim_value v2 = v;
        v2.i = -v.i;
        sim_value_format(SIM_T_BYTES, v2, NULL, b, sizeof b);
        snprintf(buf, cap, "short by %.20s", b);
        return;
    }
    sim_value_format(t, v, enum_names, buf, cap);
}

/* dst = src cut to cap - 1 bytes (the frame's fields are distinct arrays
 * of one struct: a plain copy, no format). */
static void copy_text(char *dst, size_t cap, const char *src)
{
    size_t n = strlen(src);
    if (n >= cap) n = cap - 1;
    memmove(dst, src, n);
    dst[n] = 0;
}

static void format_bytes(int64_t bytes, char *buf, size_t cap)
{
    sim_value v;
    memset(&v, 0, sizeof v);
    v.i = bytes;
    format_value(SIM_T_BYTES, v, NULL, buf, cap);
}

static void fill_metric(vz_metric *out, const sim_metric_def *d, sim_value v)
{
    snprintf(out->name, sizeof out->name, "%s", d->name);
    out->type = vr_vz_type(d->type);
    out->i = v.i;
    out->r = v.r;
    format_value(d->type, v, d->enum_names, out->text, sizeof out->text);
    snprintf(out->unit, sizeof out->unit, "%s", d->unit ? d->unit : "");
    out->n_enum = 0;
    if (d->type == SIM_T_ENUM && d->enum_names)
        for (int k = 0; d->enum_names[k] && k < VZ_MAX_ENUM; k++)
            snprintf(out->enum_names[out->n_enum++], sizeof out->enum_names[0], "%s",
                     d->enum_names[k]);
}

vz_type vr_vz_type(sim_type t)
{
    switch (t) {
    case SIM_T_BYTES: return VZ_T_BYTES;
    case SIM_T_DURATION: return VZ_T_DURATION;
    case SIM_T_COUNT: return VZ_T_COUNT;
    case SIM_T_RATIO: return VZ_T_RATIO;
    case SIM_T_ENUM: return VZ_T_ENUM;
    case SIM_T_BOOL: return VZ_T_BOOL;
    case SIM_T_ADDRESS: return VZ_T_ADDRESS;
    default: return VZ_T_STRING;
    }
}

/* --- the view ----------------------------------------------------------- */
static int metric_index(const sim_model_ops *ops, const char *name)
{
    return name ? sim_model_find_metric(ops, name) : -1;
}

static int64_t metric_i(const vz_model *m, int idx) { return idx >= 0 ? m->metrics[idx].i : 0; }

static void fill_item(vz_model *out, const sim_model_ops *ops, const sim_view_item *it)
{
    int k = metric_index(ops, it->metric);
    if (k < 0 || k >= out->n_metrics || out->n_items == VZ_MAX_ITEMS) return;
    vz_item *o = &out->items[out->n_items++];
    snprintf(o->label, sizeof o->label, "%s", it->label ? it->label : it->metric);
    const vz_metric *v = &out->metrics[k];
    copy_text(o->text, sizeof o->text, it->zero && v->i == 0 && v->r == 0 ? it->zero : v->text);
}

/* The bars of a model: segments from its byte metrics; a NULL metric is
 * what is left of the total, and a remainder below zero is a shortfall.
 * Bars with no total share one scale, the largest value among them. */
static void fill_bars(vz_model *out, const sim_model_ops *ops, const sim_view_def *v)
{
    int64_t shared = 0;
    for (size_t b = 0; b < v->n_bars && out->n_bars < VZ_MAX_BARS; b++) {
        const sim_view_bar *def = &v->bars[b];
        vz_bar *bar = &out->bars[out->n_bars++];
        snprintf(bar->label, sizeof bar->label, "%s", def->label ? def->label : "");
        bar->layered = def->layered;
        int total_idx = metric_index(ops, def->total);
        int64_t total = metric_i(out, total_idx), used = 0, widest = 0;
        for (size_t k = 0; k < def->n_segs && bar->n_segs < VZ_MAX_SEGS; k++) {
            const sim_view_seg *sd = &def->segs[k];
            vz_seg *sg = &bar->segs[bar->n_segs++];
            sg->style = (vz_style)sd->style;
            snprintf(sg->label, sizeof sg->label, "%s", sd->label ? sd->label : "");
            if (sd->metric) {
                sg->bytes = metric_i(out, metric_index(ops, sd->metric));
                if (sg->bytes < 0) sg->bytes = 0;
                used += sg->bytes;
                if (sg->bytes > widest) widest = sg->bytes;
                format_bytes(sg->bytes, sg->text, sizeof sg->text);
            } else {
                int64_t rest = total - used;
                sg->bytes = rest > 0 ? rest : 0;
                format_bytes(sg->bytes, sg->text, sizeof sg->text);
                if (rest < 0) format_bytes(rest, sg->shortfall, sizeof sg->shortfall);
            }
        }
        if (total_idx >= 0) {
            bar->scale = total;
        } else {
            bar->scale = -1; /* shared: set below */
            int64_t mine = bar->layered ? widest : used;
            if (mine > shared) shared = mine;
        }
    }
    for (int b = 0; b < out->n_bars; b++) {
        vz_bar *bar = &out->bars[b];
        if (bar->scale < 0) bar->scale = shared;
        format_bytes(bar->scale, bar->scale_text, sizeof bar->scale_text);
    }
}

static void fill_badges(vz_model *out, const sim_model_ops *ops, const sim_view_def *v)
{
    for (size_t b = 0; b < v->n_badges && out->n_badges < VZ_MAX_BADGES; b++) {
        const sim_view_badge *def = &v->badges[b];
        int k = metric_index(ops, def->metric);
        if (k < 0) continue;
        int64_t val = out->metrics[k].i;
        if (val < def->min || val > def->max) continue;
        vz_badge *o = &out->badges[out->n_badges++];
        copy_text(o->text, sizeof o->text, def->text ? def->text : out->metrics[k].text);
        snprintf(o->note, sizeof o->note, "%s", def->note ? def->note : "");
        o->alert = def->alert;
        o->hides_body = def->hides_body;
    }
}

static const char *kind_label(const sim_model_ops *ops, const sim_view_def *v, int kind)
{
    if (kind < 0 || (size_t)kind >= ops->n_event_kinds) return "?";
    if (v->kind_labels && v->kind_labels[kind]) return v->kind_labels[kind];
    return ops->event_kinds[kind];
}

static void fill_lanes(vz_model *out, const sim_model_ops *ops, const sim_view_def *v,
                       int last_kind)
{
    for (size_t l = 0; l < v->n_lanes && out->n_lanes < VZ_MAX_LANES; l++) {
        const sim_view_lane *def = &v->lanes[l];
        vz_lane *o = &out->lanes[out->n_lanes++];
        snprintf(o->label, sizeof o->label, "%s", def->label);
        int t = metric_index(ops, def->time_metric);
        if (t >= 0) {
            o->time_ns = out->metrics[t].i;
            copy_text(o->time_text, sizeof o->time_text, out->metrics[t].text);
        }
        int a = metric_index(ops, def->active_metric);
        int active = !def->active_metric || (a >= 0 && out->metrics[a].i == def->active_value);
        o->current = -1;
        for (size_t k = 0; k < def->n_kinds && o->n_stages < VZ_MAX_STAGES; k++) {
            snprintf(o->stages[o->n_stages], sizeof o->stages[0], "%s",
                     kind_label(ops, v, def->kinds[k]));
            if (active && def->kinds[k] == last_kind) o->current = o->n_stages;
            o->n_stages++;
        }
    }
}

static int model_by_name(const sim_engine *eng, int n_models, const char *name)
{
    for (int i = 0; name && i < n_models; i++)
        if (strcmp(sim_engine_model_ops(eng, i)->name, name) == 0) return i;
    return -1;
}

static void fill_view(vz_model *out, const sim_engine *eng, int n_models, int id, int last_kind)
{
    const sim_model_ops *ops = sim_engine_model_ops(eng, id);
    const sim_view_def *v = ops->view;
    out->parent = -1;
    if (!v) return;
    snprintf(out->title, sizeof out->title, "%s", v->title ? v->title : ops->name);
    out->place = (vz_place)v->place;
    if (v->place == SIM_PLACE_INSIDE) {
        out->parent = model_by_name(eng, n_models, v->parent);
        if (out->parent < 0) out->place = VZ_PLACE_ROW; /* its parent is not in this run */
    }
    snprintf(out->link_label, sizeof out->link_label, "%s", v->link_label ? v->link_label : "");
    for (size_t k = 0; k < v->n_strips && out->n_strips < VZ_MAX_STRIPS; k++) {
        int idx = metric_index(ops, v->strips[k].metric);
        if (idx < 0 || out->metrics[idx].type != VZ_T_ENUM) continue;
        vz_strip *st = &out->strips[out->n_strips++];
        st->metric = idx;
        snprintf(st->label, sizeof st->label, "%s", v->strips[k].label ? v->strips[k].label : "");
    }
    fill_bars(out, ops, v);
    for (size_t k = 0; k < v->n_items; k++) fill_item(out, ops, &v->items[k]);
    fill_badges(out, ops, v);
    fill_lanes(out, ops, v, last_kind);
}

void vr_fill_model(vz_model *out, const sim_engine *eng, int n_models, int id, int last_kind)
{
    const sim_model_ops *ops = sim_engine_model_ops(eng, id);
    memset(out, 0, sizeof *out);
    snprintf(out->name, sizeof out->name, "%s", ops->name);
    snprintf(out->doc, sizeof out->doc, "%s", ops->doc ? ops->doc : "");
    sim_snapshot snap;
    memset(&snap, 0, sizeof snap);
    if (ops->snapshot) ops->snapshot(sim_engine_model_state_const(eng, id), &snap);
    snap.status[sizeof snap.status - 1] = 0;
    snprintf(out->status, sizeof out->status, "%s", snap.status);
    for (size_t k = 0; k < ops->n_metrics && out->n_metrics < VZ_MAX_METRICS; k++)
        fill_metric(&out->metrics[out->n_metrics++], &ops->metrics[k],
                    sim_engine_metric(eng, id, (int)k));
    for (size_t k = 0; k < ops->n_params && out->n_params < VZ_MAX_PARAMS; k++) {
        const sim_param_def *d = &ops->params[k];
        vz_param *pp = &out->params[out->n_params++];
        snprintf(pp->name, sizeof pp->name, "%s", d->name);
        sim_model_format_param(d, sim_engine_param(eng, id, (int)k), pp->text, sizeof pp->text);
        snprintf(pp->source, sizeof pp->source, "%s", d->source ? d->source : "");
        snprintf(pp->doc, sizeof pp->doc, "%s", d->doc ? d->doc : "");
    }
    fill_view(out, eng, n_models, id, last_kind);
}

/* --- checking a view against its model's tables ------------------------ */
static int check_metric(const sim_model_ops *ops, const char *name, const char *what, int enum_only,
                        char *why, size_t cap)
{
    int k = name ? sim_model_find_metric(ops, name) : -1;
    if (k < 0) {
        snprintf(why, cap, "%s: view %s names metric '%s', which %s does not have", ops->name, what,
                 name ? name : "(null)", ops->name);
        return -1;
    }
    if (enum_only && ops->metrics[k].type != SIM_T_ENUM) {
        snprintf(why, cap, "%s: view %s '%s' is not an enum metric", ops->name, what, name);
        return -1;
    }
    return 0;
}

int vr_view_check(const sim_model_ops *ops, char *why, size_t cap)
{
    const sim_view_def *v = ops->view;
    if (!v) return 0;
    if (v->n_strips > VZ_MAX_STRIPS || v->n_bars > VZ_MAX_BARS || v->n_items > VZ_MAX_ITEMS ||
        v->n_badges > VZ_MAX_BADGES || v->n_lanes > VZ_MAX_LANES) {
        snprintf(why, cap, "%s: view has more strips, bars, items, badges or lanes than a frame "
                           "holds", ops->name);
        return -1;
    }
    if (v->place == SIM_PLACE_INSIDE && !v->parent) {
        snprintf(why, cap, "%s: view is INSIDE but names no parent", ops->name);
        return -1;
    }
    for (size_t k = 0; k < v->n_strips; k++)
        if (check_metric(ops, v->strips[k].metric, "strip", 1, why, cap)) return -1;
    for (size_t k = 0; k < v->n_items; k++)
        if (check_metric(ops, v->items[k].metric, "item", 0, why, cap)) return -1;
    for (size_t k = 0; k < v->n_badges; k++)
        if (check_metric(ops, v->badges[k].metric, "badge", 0, why, cap)) return -1;
    for (size_t b = 0; b < v->n_bars; b++) {
        const sim_view_bar *bar = &v->bars[b];
        if (bar->n_segs > VZ_MAX_SEGS) {
            snprintf(why, cap, "%s: a bar has more than %d segments", ops->name, VZ_MAX_SEGS);
            return -1;
        }
        if (bar->total && check_metric(ops, bar->total, "bar total", 0, why, cap)) return -1;
        for (size_t k = 0; k < bar->n_segs; k++) {
            if (!bar->segs[k].metric && !bar->total) {
                snprintf(why, cap, "%s: a remainder segment needs its bar's total", ops->name);
                return -1;
            }
            if (bar->segs[k].metric &&
                check_metric(ops, bar->segs[k].metric, "bar segment", 0, why, cap))
                return -1;
        }
    }
    for (size_t l = 0; l < v->n_lanes; l++) {
        const sim_view_lane *ln = &v->lanes[l];
        if (ln->time_metric && check_metric(ops, ln->time_metric, "lane time", 0, why, cap))
            return -1;
        if (ln->active_metric && check_metric(ops, ln->active_metric, "lane", 0, why, cap))
            return -1;
        if (ln->n_kinds > VZ_MAX_STAGES) {
            snprintf(why, cap, "%s: lane %s has more than %d stages", ops->name, ln->label,
                     VZ_MAX_STAGES);
            return -1;
        }
        for (size_t k = 0; k < ln->n_kinds; k++)
            if (ln->kinds[k] < 0 || (size_t)ln->kinds[k] >= ops->n_event_kinds) {
                snprintf(why, cap, "%s: lane %s names event kind %d, which does not exist",
                         ops->name, ln->label, ln->kinds[k]);
                return -1;
            }
    }
    return 0;
}
