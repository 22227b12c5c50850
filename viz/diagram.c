/* diagram.c: the machine as boxes (see diagram.h).
 *
 * Picture: the Windows host (the root partition) and the WSL2 utility VM (a
 * child partition) side by side on the Type-1 hypervisor bar; the classic
 * Type-2 VM and the WSL1 layer inside the host (both are Windows programs or
 * subsystems); the NIC, the disk and the memory inside the utility VM; the
 * 9P channel (/mnt/c one way, \\wsl$ the other) across the VM boundary.
 * Events travel as dots along arrows from the model that caused them to the
 * one handling them.  Everything is computed from the frame: this file
 * knows model and metric names, not model code. */
#include "diagram.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "theme.h"

typedef enum vz_slot {
    SLOT_HOST, SLOT_HYP, SLOT_UVM, SLOT_T2VM, SLOT_WSL1, SLOT_VNIC, SLOT_VDISK, SLOT_MEM,
    SLOT_SYS, SLOT_GENERIC, SLOT_COUNT
} vz_slot;

/* Draws model m (of pane p, for hooks that look at a neighbour) into r. */
typedef void (*model_draw_fn)(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r,
                              double s);

typedef struct vz_hook {
    const char *name;       /* model name */
    vz_slot slot;
    model_draw_fn draw;
} vz_hook;

static int P(double s, double v) { return (int)lround(v * s); }

const vz_metric *vz_metric_find(const vz_model *m, const char *name)
{
    for (int i = 0; i < m->n_metrics; i++)
        if (strcmp(m->metrics[i].name, name) == 0) return &m->metrics[i];
    return NULL;
}

/* The first of several names a metric has gone by (models are young and
 * their metric names still move); NULL if none exists. */
static const vz_metric *metric_any(const vz_model *m, const char *const *names)
{
    for (; *names; names++) {
        const vz_metric *k = vz_metric_find(m, *names);
        if (k) return k;
    }
    return NULL;
}

/* A metric of another model in the same pane, or NULL. */
static const vz_metric *pane_metric(const vz_pane *p, const char *model, const char *metric)
{
    for (int i = 0; i < p->n_models; i++)
        if (strcmp(p->models[i].name, model) == 0) return vz_metric_find(&p->models[i], metric);
    return NULL;
}

/* "after 1.65 s", or "not yet" while a machine has not reached its first
 * prompt (the metric is 0 until then). */
static const char *prompt_text(const vz_metric *lat, char *buf, size_t cap)
{
    if (!lat) return "?";
    if (lat->i <= 0) return "not yet";
    snprintf(buf, cap, "after %s", lat->text);
    return buf;
}

/* --- shared pieces ------------------------------------------------------ */
static int box_header(vz_draw *d, const vz_model *m, SDL_Rect r, SDL_Color fill,
                      const char *title, double s)
{
    vz_fill(d, r, fill);
    vz_outline(d, r, VZ_LINE, 1);
    int x = r.x + P(s, 8), y = r.y + P(s, 4);
    vz_text(d, VZ_FONT_BOLD, x, y, r.w - P(s, 16), VZ_LEFT, VZ_INK, title);
    y += d->line_h[VZ_FONT_BOLD];
    if (m && m->status[0]) {
        vz_text(d, VZ_FONT_SMALL, x, y, r.w - P(s, 16), VZ_LEFT, VZ_DIM, m->status);
        y += d->line_h[VZ_FONT_SMALL];
    }
    return y;
}

/* Chips for each value of an enum metric; the current one is filled, bold
 * and marked with a triangle, so it reads without colour. */
static int stage_strip(vz_draw *d, SDL_Rect r, const vz_metric *e, const char *label, double s)
{
    if (!e || e->type != VZ_T_ENUM || e->n_enum <= 0) return 0;
    int lw = label ? vz_text_w(d, VZ_FONT_SMALL, label) + P(s, 8) : 0;
    if (label) vz_text(d, VZ_FONT_SMALL, r.x, r.y + P(s, 6), lw, VZ_LEFT, VZ_DIM, label);
    /* Chip widths follow their names, scaled to fill the row. */
    int n = e->n_enum, gap = P(s, 3), want[VZ_MAX_ENUM], sum = 0, pad = P(s, 12);
    for (int i = 0; i < n; i++) {
        want[i] = vz_text_w(d, e->i == i ? VZ_FONT_BOLD : VZ_FONT_SMALL, e->enum_names[i]) + pad;
        sum += want[i];
    }
    double k = (double)(r.w - lw - gap * (n - 1)) / (sum > 0 ? sum : 1);
    int h = P(s, 24), y = r.y + P(s, 6), x = r.x + lw;
    /* Too narrow for every name (side by side): the current stage keeps its
     * name, the others shrink to small squares that still show the order. */
    int compact = k < 0.85, dot = P(s, 12);
    for (int i = 0; i < n; i++) {
        int cw = compact ? (e->i == i ? want[i] : dot) : (int)(want[i] * k);
        SDL_Rect c = {x, y, cw, h};
        x += cw + gap;
        int cur = e->i == i;
        vz_fill(d, c, cur ? VZ_BLUE : VZ_PALE);
        vz_outline(d, c, cur ? VZ_SELECT : VZ_LINE, cur ? 2 : 1);
        if (cur || !compact)
            vz_text(d, cur ? VZ_FONT_BOLD : VZ_FONT_SMALL, c.x + c.w / 2, c.y + P(s, 2), cw - 4,
                    VZ_CENTER, cur ? VZ_WHITE : VZ_DIM, e->enum_names[i]);
        if (cur) vz_tri_down(d, c.x + c.w / 2, c.y - 1, P(s, 6), VZ_SELECT);
    }
    return h + P(s, 10);
}

typedef struct seg {
    int64_t bytes;
    SDL_Color c;
    int hatch;
    const char *label;
} seg;

/* A horizontal bar of segments out of total, each with its label below. */
static int bar(vz_draw *d, SDL_Rect r, int64_t total, const seg *sg, int n, double s)
{
    if (total <= 0) return 0;
    SDL_Rect b = {r.x, r.y, r.w, P(s, 22)};
    vz_fill(d, b, VZ_PALE);
    int x = b.x;
    for (int i = 0; i < n; i++) {
        int64_t v = sg[i].bytes < 0 ? 0 : sg[i].bytes;
        int w = (int)((double)v / (double)total * b.w);
        if (x + w > b.x + b.w) w = b.x + b.w - x;
        SDL_Rect q = {x, b.y, w, b.h};
        if (sg[i].hatch) {
            vz_fill(d, q, VZ_PALE);
            vz_hatch(d, q, sg[i].c, P(s, 7));
            vz_outline(d, q, sg[i].c, 1);
        } else {
            vz_fill(d, q, sg[i].c);
        }
        x += w;
    }
    vz_outline(d, b, VZ_INK, 1);
    int lx = r.x, y = b.y + b.h + P(s, 2);
    for (int i = 0; i < n; i++) {
        if (!sg[i].label) continue;
        SDL_Rect key = {lx, y + P(s, 4), P(s, 14), P(s, 12)};
        if (sg[i].hatch) {
            vz_fill(d, key, VZ_PALE);
            vz_hatch(d, key, sg[i].c, 4);
            vz_outline(d, key, sg[i].c, 1);
        } else {
            vz_fill(d, key, sg[i].c);
            vz_outline(d, key, VZ_INK, 1);
        }
        lx += key.w + P(s, 4);
        lx += vz_text(d, VZ_FONT_SMALL, lx, y, r.x + r.w - lx, VZ_LEFT, VZ_INK, sg[i].label) +
              P(s, 12);
        if (lx > r.x + r.w - P(s, 40)) {
            lx = r.x;
            y += d->line_h[VZ_FONT_SMALL];
        }
    }
    return y + d->line_h[VZ_FONT_SMALL] - r.y;
}

/* "name: value" lines for the metrics, as many as fit. */
static void metric_lines(vz_draw *d, const vz_model *m, SDL_Rect r, double s, int skip_enums)
{
    int y = r.y, colw = r.w / 2 > P(s, 200) ? r.w / 2 : r.w;
    int col = 0;
    for (int i = 0; i < m->n_metrics; i++) {
        const vz_metric *k = &m->metrics[i];
        if (skip_enums && k->type == VZ_T_ENUM) continue;
        if (y + d->line_h[VZ_FONT_SMALL] > r.y + r.h) {
            if (colw == r.w || col == 1) break;
            col = 1;
            y = r.y;
        }
        char line[256];
        snprintf(line, sizeof line, "%s: %s%s%s", k->name, k->text,
                 k->type == VZ_T_COUNT && k->unit[0] ? " " : "", k->type == VZ_T_COUNT ? k->unit : "");
        vz_text(d, VZ_FONT_SMALL, r.x + col * colw, y, colw - P(s, 6), VZ_LEFT, VZ_INK, line);
        y += d->line_h[VZ_FONT_SMALL];
    }
}

static SDL_Rect below(SDL_Rect r, int y, double s)
{
    SDL_Rect q = {r.x + P(s, 8), y, r.w - P(s, 16), r.y + r.h - y - P(s, 4)};
    return q;
}

/* --- the hooks ---------------------------------------------------------- */
static void draw_generic(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    (void)p;
    char title[256];
    snprintf(title, sizeof title, "%s  (%s)", m->name, m->doc);
    int y = box_header(d, m, r, VZ_PANEL, title, s);
    const vz_metric *st = vz_metric_find(m, "state");
    y += stage_strip(d, below(r, y, s), st, NULL, s);
    metric_lines(d, m, below(r, y, s), s, st != NULL);
}

static void draw_host(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    (void)p;
    int y = box_header(d, m, r, VZ_HOST, "Windows host (root partition)", s);
    const vz_metric *ram = vz_metric_find(m, "ram"), *win = vz_metric_find(m, "windows_used"),
                    *vms = vz_metric_find(m, "vm_reserved"), *fr = vz_metric_find(m, "free");
    if (!ram || !win || !vms) {
        metric_lines(d, m, below(r, y, s), s, 0);
        return;
    }
    char l1[160], l2[160], l3[160];
    snprintf(l1, sizeof l1, "Windows & apps %s", win->text);
    snprintf(l2, sizeof l2, "held by VMs/WSL %s", vms->text);
    snprintf(l3, sizeof l3, "free %s of %s", fr ? fr->text : "?", ram->text);
    seg sg[] = {{win->i, VZ_HYP, 0, l1}, {vms->i, VZ_ORANGE, 1, l2}, {0, VZ_PALE, 0, l3}};
    bar(d, below(r, y + P(s, 2), s), ram->i, sg, 3, s);
}

static void draw_hyp(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    (void)p;
    vz_fill(d, r, VZ_HYP);
    char line[200];
    const vz_metric *pa = vz_metric_find(m, "partitions"),
                    *pc = vz_metric_find(m, "partitions_created");
    snprintf(line, sizeof line, "Hyper-V hypervisor (Type 1, below Windows since boot)");
    vz_text(d, VZ_FONT_BOLD, r.x + P(s, 10), r.y + P(s, 3), r.w - P(s, 20), VZ_LEFT, VZ_WHITE, line);
    if (pa)
        snprintf(line, sizeof line, "child partitions: %s  (created %s)   %s", pa->text,
                 pc ? pc->text : "?", m->status);
    else
        snprintf(line, sizeof line, "%s", m->status);
    vz_text(d, VZ_FONT_SMALL, r.x + P(s, 10), r.y + P(s, 3) + d->line_h[VZ_FONT_BOLD], r.w - P(s, 20),
            VZ_LEFT, VZ_WHITE, line);
}

static void mem_bar(vz_draw *d, SDL_Rect r, const vz_metric *held, const vz_metric *used,
                    const char *held_what, double s)
{
    if (!held || !used) return;
    int64_t total = held->i > used->i ? held->i : used->i;
    if (total <= 0) {
        vz_text(d, VZ_FONT_SMALL, r.x, r.y, r.w, VZ_LEFT, VZ_DIM, "memory: none held on the host");
        return;
    }
    char a[256], b[96];
    snprintf(a, sizeof a, "guest uses %s", used->text);
    snprintf(b, sizeof b, "%s %s", held_what, held->text);
    seg sg[] = {{used->i, VZ_BLUE, 0, a}, {held->i - used->i, VZ_ORANGE, 1, b}};
    bar(d, r, total, sg, 2, s);
}

static void draw_uvm(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    int y = box_header(d, m, r, VZ_VM, "WSL2 utility VM (child partition)", s);
    y += stage_strip(d, below(r, y, s), vz_metric_find(m, "state"), "VM", s);
    y += stage_strip(d, below(r, y, s), vz_metric_find(m, "distro_state"), "distro", s);
    const vz_metric *pr = vz_metric_find(m, "processes"), *lat = vz_metric_find(m, "prompt_latency");
    char line[256];
    char when[64];
    snprintf(line, sizeof line, "processes %s   last prompt %s", pr ? pr->text : "?",
             prompt_text(lat, when, sizeof when));
    vz_text(d, VZ_FONT_SMALL, r.x + P(s, 8), y, r.w - P(s, 16), VZ_LEFT, VZ_INK, line);
    y += d->line_h[VZ_FONT_SMALL] + P(s, 2);
    /* With a memory model, its box below tells the memory story (the VM's
     * own figure is only its idle footprint); without one, the VM's. */
    for (int i = 0; i < p->n_models; i++)
        if (strcmp(p->models[i].name, "mem") == 0) return;
    mem_bar(d, below(r, y, s), vz_metric_find(m, "host_bytes"),
            vz_metric_find(m, "guest_used_bytes"), "Vmmem on host", s);
}

static void draw_t2vm(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    (void)p;
    int y = box_header(d, m, r, VZ_T2, "Classic Type-2 VM (a Windows app)", s);
    y += stage_strip(d, below(r, y, s), vz_metric_find(m, "state"), NULL, s);
    const vz_metric *lat = vz_metric_find(m, "prompt_latency");
    char line[256];
    char when[64];
    snprintf(line, sizeof line, "login prompt %s", prompt_text(lat, when, sizeof when));
    vz_text(d, VZ_FONT_SMALL, r.x + P(s, 8), y, r.w - P(s, 16), VZ_LEFT, VZ_INK, line);
    y += d->line_h[VZ_FONT_SMALL] + P(s, 2);
    mem_bar(d, below(r, y, s), vz_metric_find(m, "reserved_bytes"),
            vz_metric_find(m, "guest_used_bytes"), "reserved", s);
}

static void draw_wsl1(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    (void)p;
    int y = box_header(d, m, r, VZ_WSL1, "WSL1 (no VM: pico processes on NT)", s);
    y += stage_strip(d, below(r, y, s), vz_metric_find(m, "state"), NULL, s);
    const vz_metric *lat = vz_metric_find(m, "prompt_latency"), *hb = vz_metric_find(m, "host_bytes");
    char line[256];
    char when[64];
    snprintf(line, sizeof line, "prompt %s   held on the host %s", prompt_text(lat, when, sizeof when),
             hb ? hb->text : "?");
    vz_text(d, VZ_FONT_SMALL, r.x + P(s, 8), y, r.w - P(s, 16), VZ_LEFT, VZ_INK, line);
}

static void draw_vnic(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    (void)p;
    vz_fill(d, r, VZ_PANEL);
    vz_outline(d, r, VZ_LINE, 1);
    int x = r.x + P(s, 8), y = r.y + P(s, 3), w = r.w - P(s, 16);
    const vz_metric *up = vz_metric_find(m, "up");
    char line[256];
    snprintf(line, sizeof line, "virtual NIC (NAT)%s", up && !up->i ? ": down, no address" : "");
    vz_text(d, VZ_FONT_BOLD, x, y, w, VZ_LEFT, VZ_INK, line);
    y += d->line_h[VZ_FONT_BOLD];
    if (up && !up->i) {
        vz_text(d, VZ_FONT_SMALL, x, y, w, VZ_LEFT, VZ_DIM,
                "the network exists only while the VM runs; a new subnet at each start");
        return;
    }
    static const char *const rows[][2] = {{"guest_ip", "guest"}, {"host_ip", "host"},
                                          {"subnet", "subnet"}, {"nameserver", "DNS"}};
    for (int i = 0; i < 4; i++) {
        const vz_metric *k = vz_metric_find(m, rows[i][0]);
        if (!k) continue;
        snprintf(line, sizeof line, "%s %s", rows[i][1], k->text);
        int col = i % 2, row = i / 2;
        int yy = y + row * d->line_h[VZ_FONT_SMALL];
        if (yy + d->line_h[VZ_FONT_SMALL] > r.y + r.h) break;
        vz_text(d, VZ_FONT_SMALL, x + col * (w / 2), yy, w / 2 - P(s, 4), VZ_LEFT, VZ_INK, line);
    }
}

/* Two bars on one scale: what Linux uses inside the disk, and what the
 * .vhdx file takes on the Windows drive (it grows, and never shrinks by
 * itself). */
static void draw_vdisk(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    (void)p;
    vz_fill(d, r, VZ_PANEL);
    vz_outline(d, r, VZ_LINE, 1);
    int x = r.x + P(s, 8), y = r.y + P(s, 3), w = r.w - P(s, 16);
    const vz_metric *used = vz_metric_find(m, "used_bytes"), *file = vz_metric_find(m, "file_bytes");
    const vz_metric *op = vz_metric_find(m, "op");
    char line[256];
    snprintf(line, sizeof line, "virtual disk ext4.vhdx%s%s", op && op->i > 1 ? ": " : "",
             op && op->i > 1 ? op->text : "");
    vz_text(d, VZ_FONT_BOLD, x, y, w, VZ_LEFT, VZ_INK, line);
    y += d->line_h[VZ_FONT_BOLD];
    if (!used || !file) {
        metric_lines(d, m, (SDL_Rect){x, y, w, r.y + r.h - y}, s, 0);
        return;
    }
    int64_t total = used->i > file->i ? used->i : file->i;
    static const char *const wide[2] = {"inside Linux", ".vhdx on Windows"};
    static const char *const narrow[2] = {"Linux", ".vhdx"};
    const char *const *what = w < P(s, 380) ? narrow : wide;
    int lw = vz_text_w(d, VZ_FONT_SMALL, what[1]) + P(s, 8), vw = P(s, 90);
    int bh = P(s, 14), lh = d->line_h[VZ_FONT_SMALL];
    const vz_metric *const bars[2] = {used, file};
    for (int i = 0; i < 2 && y + lh <= r.y + r.h; i++) {
        vz_text(d, VZ_FONT_SMALL, x, y, lw, VZ_LEFT, VZ_INK, what[i]);
        SDL_Rect b = {x + lw, y + (lh - bh) / 2, w - lw - vw, bh};
        vz_fill(d, b, VZ_PALE);
        int bw = total > 0 ? (int)((double)bars[i]->i / (double)total * b.w) : 0;
        SDL_Rect q = {b.x, b.y, bw, b.h};
        if (i == 0) vz_fill(d, q, VZ_BLUE);
        else vz_hatch(d, q, VZ_ORANGE, P(s, 6));
        vz_outline(d, b, VZ_INK, 1);
        vz_text(d, VZ_FONT_BOLD, x + w, y, vw, VZ_RIGHT, VZ_INK, bars[i]->text);
        y += lh;
    }
}

/* The guest's memory against its cap: anonymous memory, page cache, free;
 * and what Vmmem holds on the host. */
static void draw_mem(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    vz_fill(d, r, VZ_PANEL);
    vz_outline(d, r, VZ_LINE, 1);
    int x = r.x + P(s, 8), y = r.y + P(s, 3), w = r.w - P(s, 16);
    static const char *const host_names[] = {"host_share", "host_bytes", NULL};
    const vz_metric *cap = vz_metric_find(m, "cap"), *anon = vz_metric_find(m, "anon"),
                    *cache = vz_metric_find(m, "cache"), *host = metric_any(m, host_names),
                    *mode = vz_metric_find(m, "reclaim_mode"),
                    *press = vz_metric_find(m, "host_pressure");
    /* Vmmem = the VM's idle footprint (held by uvm) + what the guest grew
     * (held by mem); show both so the numbers add up with the host's bar. */
    const vz_metric *idle = pane_metric(p, "uvm", "host_bytes");
    char line[256];
    if (idle && idle->i > 0)
        snprintf(line, sizeof line, "guest memory: Vmmem %s + %s grown%s", idle->text,
                 host ? host->text : "?", press && press->i ? ", host squeezed" : "");
    else
        snprintf(line, sizeof line, "%s %s%s", press && press->i ? "Vmmem" : "guest memory: Vmmem",
                 host ? host->text : "?", press && press->i ? ", host squeezed" : "");
    vz_text(d, VZ_FONT_BOLD, x, y, w, VZ_LEFT, press && press->i ? VZ_FAIL : VZ_INK, line);
    y += d->line_h[VZ_FONT_BOLD];
    if (!cap || !anon || !cache) {
        metric_lines(d, m, (SDL_Rect){x, y, w, r.y + r.h - y}, s, 0);
        return;
    }
    if (cap->i <= 0) {
        vz_text(d, VZ_FONT_SMALL, x, y, w, VZ_LEFT, VZ_DIM, "no VM running: no guest memory");
        return;
    }
    char a[160], b[160], c[200];
    snprintf(a, sizeof a, "programs %s", anon->text);
    snprintf(b, sizeof b, "page cache %s", cache->text);
    snprintf(c, sizeof c, "free of cap %s%s%s", cap->text, mode ? "; reclaim " : "",
             mode ? mode->text : "");
    seg sg[] = {{anon->i, VZ_BLUE, 0, a}, {cache->i, VZ_BLUE, 1, b}, {0, VZ_PALE, 0, c}};
    bar(d, (SDL_Rect){x, y, w, r.y + r.h - y}, cap->i, sg, 3, s);
}

/* The syscall paths as lanes of stages.  The stage of the model's last
 * event is filled and marked, so a call is seen travelling through
 * WSL1's trap -> intercept -> translate -> NT, or straight into WSL2's guest
 * kernel (with a VMBus round trip only for I/O that leaves the VM). */
typedef struct lane_def {
    const char *name;
    const char *time_metric;
    const char *stages[6][2];   /* event kind, label */
} lane_def;

static const lane_def lanes[] = {
    {"native", "native_time", {{"syscall", "Linux kernel"}, {NULL, NULL}}},
    {"WSL2", "wsl2_time",
     {{"guest_kernel", "guest Linux kernel"}, {"vmbus", "VMBus / 9P exit"}, {"host", "Windows host"},
      {NULL, NULL}}},
    {"WSL1", "wsl1_time",
     {{"trap", "trap to NT"}, {"intercept", "lxcore intercept"}, {"translate", "translate"},
      {"nt_execute", "NT executes"}, {"map_back", "map back"}, {NULL, NULL}}},
    {"Windows", "windows_time", {{"win_io", "Win32 I/O"}, {NULL, NULL}}},
};

static void draw_sys(vz_draw *d, const vz_pane *p, const vz_model *m, SDL_Rect r, double s)
{
    (void)p;
    vz_fill(d, r, VZ_PANEL);
    vz_outline(d, r, VZ_LINE, 1);
    int x = r.x + P(s, 8), y = r.y + P(s, 3), w = r.w - P(s, 16);
    char line[400];
    snprintf(line, sizeof line, "syscall paths (%s)   %s", m->name, m->status);
    vz_text(d, VZ_FONT_BOLD, x, y, w, VZ_LEFT, VZ_INK, line);
    y += d->line_h[VZ_FONT_BOLD];
    int n = (int)(sizeof lanes / sizeof lanes[0]);
    int lh = (r.y + r.h - y - d->line_h[VZ_FONT_SMALL] - P(s, 4)) / n;
    if (lh > P(s, 26)) lh = P(s, 26);
    if (lh < d->line_h[VZ_FONT_SMALL]) lh = d->line_h[VZ_FONT_SMALL];
    int name_w = P(s, 84), time_w = P(s, 190), chips_w = w - name_w - time_w;
    int64_t longest = 1;
    for (int i = 0; i < n; i++) {
        const vz_metric *t = vz_metric_find(m, lanes[i].time_metric);
        if (t && t->i > longest) longest = t->i;
    }
    for (int i = 0; i < n && y + lh <= r.y + r.h; i++, y += lh) {
        const lane_def *ln = &lanes[i];
        int k = 0, cur = -1;
        while (k < 6 && ln->stages[k][0]) {
            if (strcmp(ln->stages[k][0], m->last_kind) == 0) cur = k;
            k++;
        }
        vz_text(d, cur >= 0 ? VZ_FONT_BOLD : VZ_FONT_SMALL, x, y, name_w, VZ_LEFT, VZ_INK, ln->name);
        /* Chip j spans [cx[j], cx[j] + cwid[j]).  Too narrow for every
         * label (side by side): the current stage keeps its label, the
         * others shrink to small squares. */
        int gap = P(s, 14), cx[6], cwid[6];
        int cw = (chips_w - gap * (k - 1)) / (k ? k : 1);
        if (cw > P(s, 190)) cw = P(s, 190);
        int compact = cw < P(s, 96) && cur >= 0;
        for (int j = 0, xx = x + name_w; j < k; j++) {
            cwid[j] = !compact ? cw
                      : j == cur ? vz_text_w(d, VZ_FONT_BOLD, ln->stages[j][1]) + P(s, 10)
                                 : P(s, 12);
            cx[j] = xx;
            xx += cwid[j] + gap;
        }
        if (cur >= 0 && m->last_t < 1.0) {
            /* the call on its way from the previous stage into this one */
            int x0 = cur ? cx[cur - 1] + cwid[cur - 1] / 2 : x + name_w / 2;
            int x1 = cx[cur] + cwid[cur] / 2;
            vz_disc(d, x0 + (int)lround((x1 - x0) * m->last_t), y + lh / 2, P(s, 8), VZ_ORANGE);
        }
        for (int j = 0; j < k; j++) {
            SDL_Rect c = {cx[j], y + 1, cwid[j], lh - 3};
            int on = j == cur;
            vz_fill(d, c, on ? VZ_ORANGE : VZ_PALE);
            vz_outline(d, c, on ? VZ_SELECT : VZ_LINE, on ? 2 : 1);
            /* the current stage in bold when it fits, else small: never cut */
            vz_font fnt = on && vz_text_w(d, VZ_FONT_BOLD, ln->stages[j][1]) <= c.w - 4
                              ? VZ_FONT_BOLD
                              : VZ_FONT_SMALL;
            if (on || !compact)
                vz_text(d, fnt, c.x + c.w / 2, c.y + (fnt == VZ_FONT_SMALL ? P(s, 2) : 0), c.w - 4,
                        VZ_CENTER, on ? VZ_WHITE : VZ_INK, ln->stages[j][1]);
            if (j + 1 < k)
                vz_arrow(d, c.x + c.w + 1, c.y + c.h / 2, cx[j + 1] - 1, c.y + c.h / 2, VZ_INK, 1);
        }
        /* The time this path took so far, as a bar: the gap grows as you watch. */
        const vz_metric *t = vz_metric_find(m, ln->time_metric);
        if (t) {
            SDL_Rect b = {x + w - time_w, y + 3, time_w / 2, lh - 8};
            vz_fill(d, b, VZ_PALE);
            vz_fill(d, (SDL_Rect){b.x, b.y, (int)((double)t->i / longest * b.w), b.h}, VZ_BLUE);
            vz_outline(d, b, VZ_LINE, 1);
            vz_text(d, VZ_FONT_SMALL, b.x + b.w + P(s, 4), y, time_w / 2 - P(s, 4), VZ_LEFT, VZ_INK,
                    t->text);
        }
    }
    if (m->last_note[0] && y + d->line_h[VZ_FONT_SMALL] <= r.y + r.h) {
        snprintf(line, sizeof line, "%s: %s", m->last_kind, m->last_note);
        vz_text(d, VZ_FONT_SMALL, x, y, w, VZ_LEFT, VZ_DIM, line);
    }
}

static const vz_hook hooks[] = {
    {"host", SLOT_HOST, draw_host},   {"hv", SLOT_HYP, draw_hyp},
    {"uvm", SLOT_UVM, draw_uvm},      {"t2vm", SLOT_T2VM, draw_t2vm},
    {"wsl1", SLOT_WSL1, draw_wsl1},   {"vnic", SLOT_VNIC, draw_vnic},
    {"vdisk", SLOT_VDISK, draw_vdisk}, {"mem", SLOT_MEM, draw_mem},
    {"sys", SLOT_SYS, draw_sys},
};

static const vz_hook *hook_of(const char *name)
{
    for (size_t i = 0; i < sizeof hooks / sizeof hooks[0]; i++)
        if (strcmp(hooks[i].name, name) == 0) return &hooks[i];
    return NULL;
}

static vz_slot slot_of(const vz_model *m)
{
    const vz_hook *h = hook_of(m->name);
    return h ? h->slot : SLOT_GENERIC;
}

/* --- placement ---------------------------------------------------------- */
static SDL_Rect inset(SDL_Rect r, int top, int pad)
{
    return (SDL_Rect){r.x + pad, r.y + top, r.w - 2 * pad, r.h - top - pad};
}

/* Splits r into n columns with gaps. */
static SDL_Rect column(SDL_Rect r, int i, int n, int gap)
{
    int w = (r.w - gap * (n - 1)) / n;
    return (SDL_Rect){r.x + i * (w + gap), r.y, w, r.h};
}

void vz_diagram_place(const vz_pane *p, SDL_Rect area, double s, SDL_Rect box[VZ_MAX_MODELS],
                      int has[VZ_MAX_MODELS])
{
    int first[SLOT_COUNT], n_generic = 0, gap = P(s, 8);
    for (int k = 0; k < SLOT_COUNT; k++) first[k] = -1;
    for (int i = 0; i < p->n_models; i++) {
        has[i] = 0;
        vz_slot k = slot_of(&p->models[i]);
        if (k == SLOT_GENERIC || first[k] >= 0) n_generic++;
        else first[k] = i;
    }
    SDL_Rect rest = area;
    /* Bottom up: the hypervisor, the syscall paths, the generic models. */
    if (first[SLOT_HYP] >= 0) {
        int h = P(s, 50);
        box[first[SLOT_HYP]] = (SDL_Rect){area.x, area.y + area.h - h, area.w, h};
        has[first[SLOT_HYP]] = 1;
        rest.h -= h + gap;
    }
    if (first[SLOT_SYS] >= 0) {
        int h = P(s, 136);
        box[first[SLOT_SYS]] = (SDL_Rect){rest.x, rest.y + rest.h - h, rest.w, h};
        has[first[SLOT_SYS]] = 1;
        rest.h -= h + gap;
    }
    if (n_generic > 0) {
        int h = P(s, 100), j = 0;
        SDL_Rect row = {rest.x, rest.y + rest.h - h, rest.w, h};
        for (int i = 0; i < p->n_models; i++) {
            vz_slot k = slot_of(&p->models[i]);
            if (k != SLOT_GENERIC && first[k] == i) continue;
            box[i] = column(row, j++, n_generic, gap);
            has[i] = 1;
        }
        rest.h -= h + gap;
    }
    int left = first[SLOT_HOST] >= 0 || first[SLOT_T2VM] >= 0 || first[SLOT_WSL1] >= 0;
    int right = first[SLOT_UVM] >= 0 || first[SLOT_VNIC] >= 0 || first[SLOT_VDISK] >= 0 ||
                first[SLOT_MEM] >= 0;
    SDL_Rect host = rest, vm = rest;
    int channel = P(s, 56); /* room for the 9P channel between them */
    if (left && right) {
        host.w = (int)((rest.w - channel) * 0.47);
        vm.x = host.x + host.w + channel;
        vm.w = rest.x + rest.w - vm.x;
    }
    if (left) {
        SDL_Rect inner = host;
        if (first[SLOT_HOST] >= 0) {
            box[first[SLOT_HOST]] = host;
            has[first[SLOT_HOST]] = 1;
            inner = inset(host, P(s, 108), P(s, 8));
        }
        /* WSL1 above the classic VM: both need width for their strips. */
        int n = (first[SLOT_WSL1] >= 0) + (first[SLOT_T2VM] >= 0), j = 0;
        int hh = n ? (inner.h - gap * (n - 1)) / n : 0;
        const vz_slot order[2] = {SLOT_WSL1, SLOT_T2VM};
        for (int k = 0; k < 2; k++) {
            if (first[order[k]] < 0) continue;
            box[first[order[k]]] = (SDL_Rect){inner.x, inner.y + j++ * (hh + gap), inner.w, hh};
            has[first[order[k]]] = 1;
        }
    }
    if (right) {
        SDL_Rect inner = vm;
        if (first[SLOT_UVM] >= 0) {
            box[first[SLOT_UVM]] = vm;
            has[first[SLOT_UVM]] = 1;
            /* the VM's own memory bar is left out when a memory model draws it */
            inner = inset(vm, P(s, first[SLOT_MEM] >= 0 ? 140 : 180), P(s, 8));
        }
        /* Memory, disk and NIC as rows inside the VM. */
        int n = (first[SLOT_MEM] >= 0) + (first[SLOT_VDISK] >= 0) + (first[SLOT_VNIC] >= 0), j = 0;
        int hh = n ? (inner.h - gap * (n - 1)) / n : 0;
        const vz_slot order[3] = {SLOT_MEM, SLOT_VDISK, SLOT_VNIC};
        for (int k = 0; k < 3; k++) {
            if (first[order[k]] < 0) continue;
            box[first[order[k]]] = (SDL_Rect){inner.x, inner.y + j++ * (hh + gap), inner.w, hh};
            has[first[order[k]]] = 1;
        }
    }
}

/* --- drawing ------------------------------------------------------------ */
static int index_of(const vz_pane *p, const char *name)
{
    for (int i = 0; i < p->n_models; i++)
        if (strcmp(p->models[i].name, name) == 0) return i;
    return -1;
}

/* The 9P channel: /mnt/c from Linux to Windows files, \\wsl$ back. */
static void draw_9p(vz_draw *d, const vz_pane *p, const SDL_Rect box[], const int has[], double s)
{
    int host = index_of(p, "host"), uvm = index_of(p, "uvm");
    if (host < 0 || uvm < 0 || !has[host] || !has[uvm]) return;
    SDL_Rect h = box[host], v = box[uvm];
    int x1 = h.x + h.w, x2 = v.x, y = v.y + v.h - P(s, 40);
    if (x2 - x1 < P(s, 20)) return;
    vz_arrow(d, x1 + 2, y, x2 - 2, y, VZ_SAY, 2);
    vz_arrow(d, x2 - 2, y + P(s, 12), x1 + 2, y + P(s, 12), VZ_SAY, 2);
    vz_text(d, VZ_FONT_SMALL, (x1 + x2) / 2, y - d->line_h[VZ_FONT_SMALL] - 2, 0, VZ_CENTER,
            VZ_SAY, "9P");
    vz_text(d, VZ_FONT_SMALL, (x1 + x2) / 2, y + P(s, 16), x2 - x1, VZ_CENTER, VZ_SAY, "/mnt/c");
}

/* Events in flight: a dot travels along an arrow from the model that
 * caused the event to the one handling it (from the top-left corner for the
 * scenario's own actions).  A model's own timer has no journey: its kind is
 * shown as a tag on the box, and a hook may show more (the syscall lanes). */
static void draw_flights(vz_draw *d, const vz_pane *p, SDL_Rect area, const SDL_Rect box[],
                         const int has[], double s)
{
    for (int i = p->n_recent - 1; i >= 0; i--) {
        const vz_flight *f = &p->recent[i];
        if (f->to_model < 0 || f->to_model >= p->n_models || !has[f->to_model]) continue;
        SDL_Rect to = box[f->to_model];
        SDL_Color c = f->cls == VZ_EV_ACTION ? VZ_SAY : VZ_ORANGE;
        int tw = vz_text_w(d, VZ_FONT_BOLD, f->kind) + P(s, 10), lh = d->line_h[VZ_FONT_BOLD];
        int xe, ye;
        if (f->from_model == f->to_model) {
            /* on the box's bottom edge, right: clear of its title */
            xe = to.x + to.w - tw - P(s, 30);
            ye = to.y + to.h - P(s, 2);
            if (f->t < 1.0) vz_disc(d, xe, ye, P(s, 5 + 4 * f->t), c);
        } else {
            /* Arrows join the boxes' title bars (top right, where titles
             * leave room), so they do not cover what the boxes show. */
            int x2 = to.x + to.w - P(s, 22), y2 = to.y + P(s, 12), x1, y1;
            if (f->from_model >= 0 && f->from_model < p->n_models && has[f->from_model]) {
                SDL_Rect from = box[f->from_model];
                x1 = from.x + from.w - P(s, 22);
                y1 = from.y + P(s, 12);
            } else { /* the scenario: from above the diagram */
                x1 = x2 - P(s, 40);
                y1 = area.y - P(s, 6);
            }
            xe = x1 + (int)lround((x2 - x1) * f->t);
            ye = y1 + (int)lround((y2 - y1) * f->t);
            vz_arrow(d, x1, y1, xe, ye, c, f->t >= 1.0 ? 3 : 2);
            vz_disc(d, xe, ye, P(s, 9), c);
            vz_disc(d, xe, ye, P(s, 4), VZ_WHITE);
        }
        SDL_Rect lab = {xe + P(s, 12), ye - lh / 2, tw, lh};
        if (lab.x + lab.w > area.x + area.w) lab.x = xe - P(s, 12) - tw;
        if (f->from_model != f->to_model) lab.x = xe - P(s, 12) - tw; /* in the title bar */
        vz_fill(d, lab, VZ_PALE);
        vz_outline(d, lab, c, 2);
        vz_text(d, VZ_FONT_BOLD, lab.x + P(s, 5), lab.y, 0, VZ_LEFT, VZ_INK, f->kind);
    }
}

void vz_diagram_draw(vz_draw *d, const vz_pane *p, SDL_Rect area, const SDL_Rect box[VZ_MAX_MODELS],
                     const int has[VZ_MAX_MODELS], int selected)
{
    double s = d->scale;
    /* Containers first (host, VM, hypervisor), then what sits inside them. */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; i < p->n_models; i++) {
            if (!has[i]) continue;
            vz_slot k = slot_of(&p->models[i]);
            int container = k == SLOT_HOST || k == SLOT_UVM || k == SLOT_HYP;
            if ((pass == 0) != container) continue;
            const vz_hook *h = hook_of(p->models[i].name);
            (h ? h->draw : draw_generic)(d, p, &p->models[i], box[i], s);
        }
    }
    draw_9p(d, p, box, has, s);
    /* The model that handled the latest event: a thick frame. */
    if (p->n_recent > 0) {
        int to = p->recent[0].to_model;
        if (to >= 0 && to < p->n_models && has[to]) vz_outline(d, box[to], VZ_ORANGE, 4);
    }
    if (selected >= 0 && selected < p->n_models && has[selected]) {
        SDL_Rect r = box[selected];
        vz_outline(d, (SDL_Rect){r.x - 3, r.y - 3, r.w + 6, r.h + 6}, VZ_SELECT, 2);
    }
    draw_flights(d, p, area, box, has, s);
}
