/* model.c: table look-ups and offset-based field access for the model
 * contract (model.h).  Parameters and metrics are read and written through
 * their offset into the model's plain-data state block; integral types are
 * int64_t, ratios double, strings char[str_cap]. */
#include "model.h"

#include <stdio.h>
#include <string.h>

#define FIND_BY_NAME(table, n, name)                                                  \
    do {                                                                              \
        for (size_t i_ = 0; i_ < (n); i_++)                                           \
            if (strcmp((table)[i_].name, (name)) == 0) return (int)i_;                \
        return -1;                                                                    \
    } while (0)

int sim_model_find_param(const sim_model_ops *m, const char *name)
{
    FIND_BY_NAME(m->params, m->n_params, name);
}

int sim_model_find_action(const sim_model_ops *m, const char *name)
{
    FIND_BY_NAME(m->actions, m->n_actions, name);
}

int sim_model_find_metric(const sim_model_ops *m, const char *name)
{
    FIND_BY_NAME(m->metrics, m->n_metrics, name);
}

static sim_value read_field(sim_type t, const void *field)
{
    sim_value v = {0};
    if (t == SIM_T_RATIO) memcpy(&v.r, field, sizeof v.r);
    else if (t == SIM_T_STRING) v.s = field;
    else memcpy(&v.i, field, sizeof v.i);
    return v;
}

sim_value sim_model_read_metric(const sim_model_ops *m, const void *state, int idx)
{
    const sim_metric_def *d = &m->metrics[idx];
    return read_field(d->type, (const char *)state + d->offset);
}

sim_value sim_model_read_param(const sim_model_ops *m, const void *state, int idx)
{
    const sim_param_def *d = &m->params[idx];
    return read_field(d->type, (const char *)state + d->offset);
}

void sim_model_write_param(const sim_model_ops *m, void *state, int idx, sim_value v)
{
    const sim_param_def *d = &m->params[idx];
    char *field = (char *)state + d->offset;
    if (d->type == SIM_T_RATIO) {
        memcpy(field, &v.r, sizeof v.r);
    } else if (d->type == SIM_T_STRING) {
        if (d->str_cap == 0) return;
        size_t n = v.s ? strlen(v.s) : 0;
        if (n > d->str_cap - 1) n = d->str_cap - 1;
        if (n) memcpy(field, v.s, n);
        field[n] = '\0';
    } else {
        memcpy(field, &v.i, sizeof v.i);
    }
}

void sim_model_format_param(const sim_param_def *d, sim_value v, char *buf, size_t cap)
{
    if (d->words && d->type != SIM_T_RATIO && d->type != SIM_T_STRING)
        for (const sim_value_word *w = d->words; w->word; w++)
            if (w->value == v.i) {
                snprintf(buf, cap, "%s", w->word);
                return;
            }
    sim_value_format(d->type, v, d->enum_names, buf, cap);
}
