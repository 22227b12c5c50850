/* frame.h: everything the viewer draws, as plain data, and the commands it
 * sends back.  This is the ONLY hvsim header viz/ code includes (CMake gives
 * the viz library viz/ alone as its include path, so reaching for sim/ or
 * models/ does not compile).
 *
 * The runner (runner/view_runner.c) owns the engine; it fills a vz_frame
 * from the models' tables, snapshots and views (sim/view.h: what each model
 * asks to show, and where) and never lets the viewer touch a model, so the
 * viewer knows no model or metric by name.
 * The viewer turns keys and clicks into vz_cmd values and hands them to the
 * runner through vz_host; it draws a const frame.  Strings are copied into
 * fixed arrays, so a frame holds no pointer and stays valid until the runner
 * builds the next one.  Sizes are caps: longer text is cut, extra models or
 * metrics are left out (the counts say how many are shown).
 *
 * Time fields are int64 nanoseconds of simulated time; wall-clock seconds
 * (animation) are doubles and never reach the simulation. */
#ifndef HVSIM_VIZ_FRAME_H
#define HVSIM_VIZ_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define VZ_MAX_MODELS 16
#define VZ_MAX_METRICS 48
#define VZ_MAX_PARAMS 64
#define VZ_MAX_SAID 6
#define VZ_MAX_ENUM 12
#define VZ_MAX_LOG 48
#define VZ_MAX_RECENT 8
#define VZ_MAX_MARKS 600
#define VZ_DENSITY_BINS 240
#define VZ_MAX_PANES 2
#define VZ_NAME 24
#define VZ_TEXT 200

/* The type of a metric or parameter, mirroring the kernel's value types. */
typedef enum vz_type {
    VZ_T_BYTES, VZ_T_DURATION, VZ_T_COUNT, VZ_T_RATIO, VZ_T_ENUM, VZ_T_BOOL, VZ_T_ADDRESS,
    VZ_T_STRING
} vz_type;

typedef struct vz_metric {
    char name[VZ_NAME];        /* "host_bytes" */
    vz_type type;
    int64_t i;                 /* raw integral value (bytes, ns, count, enum index ...) */
    double r;                  /* ratio value */
    char text[48];             /* formatted for people: "400 MiB", "running" */
    char unit[16];
    int n_enum;                /* VZ_T_ENUM: the names, in index order */
    char enum_names[VZ_MAX_ENUM][20];
} vz_metric;

typedef struct vz_param {
    char name[VZ_NAME];
    char text[48];             /* value formatted */
    char source[40];           /* docs/calibration.md key */
    char doc[96];
} vz_param;

/* --- how a model is drawn: its view (sim/view.h), resolved by the runner --- */
#define VZ_MAX_STRIPS 3
#define VZ_MAX_BARS 3
#define VZ_MAX_SEGS 4
#define VZ_MAX_ITEMS 8
#define VZ_MAX_BADGES 3
#define VZ_MAX_LANES 6
#define VZ_MAX_STAGES 6

typedef enum vz_place { VZ_PLACE_ROW, VZ_PLACE_COLUMN, VZ_PLACE_INSIDE, VZ_PLACE_BAND,
                        VZ_PLACE_BASE } vz_place;
typedef enum vz_style { VZ_STYLE_SOLID, VZ_STYLE_DARK, VZ_STYLE_HATCHED, VZ_STYLE_EMPTY } vz_style;

typedef struct vz_strip {      /* an enum metric as chips */
    int metric;                /* index into the model's metrics */
    char label[16];            /* "VM", "" */
} vz_strip;

typedef struct vz_item {       /* "label value" */
    char label[32];
    char text[48];             /* the value, or the view's word for zero ("not yet") */
} vz_item;

typedef struct vz_seg {
    int64_t bytes;             /* >= 0: its length on the bar */
    vz_style style;
    char label[24];            /* "free" ("" for none) */
    char text[48];             /* "21.6 GiB" (never negative) */
    char shortfall[48];        /* a remainder below zero: "short by 2.39 GiB", else "" */
} vz_seg;

typedef struct vz_bar {
    char label[24];            /* left of the bar, "" for none */
    int64_t scale;             /* bytes the bar's length stands for */
    char scale_text[32];       /* formatted ("32 GiB") */
    int layered;               /* 1: every segment starts at the left */
    int n_segs;
    vz_seg segs[VZ_MAX_SEGS];
} vz_bar;

typedef struct vz_badge {      /* a word in the title while it holds */
    char text[48];
    char note[120];
    int alert;
    int hides_body;
} vz_badge;

typedef struct vz_lane {
    char label[16];
    char time_text[32];        /* "" when the lane has no time metric */
    int64_t time_ns;
    int n_stages;
    char stages[VZ_MAX_STAGES][24];
    int current;               /* stage of the model's latest event in this lane, -1 none */
} vz_lane;

typedef struct vz_model {
    char name[VZ_NAME];        /* "uvm" */
    char doc[120];
    char status[64];           /* from the model's snapshot */
    /* its view: where and how it is drawn */
    char title[80];            /* "" : no view; drawn generically */
    vz_place place;
    int parent;                /* VZ_PLACE_INSIDE: index of the model holding it, else -1 */
    char link_label[32];       /* a channel from the previous column, "" none */
    int n_strips;
    vz_strip strips[VZ_MAX_STRIPS];
    int n_bars;
    vz_bar bars[VZ_MAX_BARS];
    int n_items;
    vz_item items[VZ_MAX_ITEMS];
    int n_badges;              /* the badges that hold now */
    vz_badge badges[VZ_MAX_BADGES];
    int n_lanes;
    vz_lane lanes[VZ_MAX_LANES];
    int n_metrics;
    vz_metric metrics[VZ_MAX_METRICS];
    int n_params;
    vz_param params[VZ_MAX_PARAMS];
    uint64_t last_index;       /* index of the last event this model handled, 0: none */
    char last_kind[VZ_NAME];   /* its kind ("translate"), "" if none */
    char last_note[VZ_TEXT];   /* its note */
    double last_t;             /* that event's journey: 0 just dispatched .. 1 arrived */
} vz_model;

/* What a log line or timeline marker is. */
typedef enum vz_class {
    VZ_EV_MODEL,               /* a model's own event */
    VZ_EV_ACTION,              /* a scenario action (cause 0) */
    VZ_EV_SAY,                 /* narration */
    VZ_EV_EXPECT_PASS,
    VZ_EV_EXPECT_FAIL
} vz_class;

typedef struct vz_logline {
    uint64_t index;            /* 1-based event number */
    int64_t time_ns;
    int pane;
    int model;                 /* index into the pane's models, -1 for the director */
    vz_class cls;
    char model_name[VZ_NAME];
    char kind[VZ_NAME];
    char note[VZ_TEXT];
} vz_logline;

/* An event on its way: from the model that caused it to the one handling it. */
typedef struct vz_flight {
    int from_model;            /* -1: the scenario (the director) */
    int to_model;              /* -1: the director */
    double t;                  /* 0 (leaving) .. 1 (arrived) */
    vz_class cls;
    char kind[VZ_NAME];
} vz_flight;

typedef struct vz_mark {
    int64_t time_ns;
    uint64_t index;
    vz_class cls;
    int pane;
} vz_mark;

typedef struct vz_pane {
    char label[96];            /* "as written", "--set uvm.kernel_boot=2s" */
    int64_t now_ns;            /* time of this pane's last dispatched event */
    uint64_t events;           /* events dispatched so far */
    uint64_t total_events;     /* events in the whole run */
    uint64_t fingerprint;      /* over the events dispatched so far */
    int n_models;
    vz_model models[VZ_MAX_MODELS];
    int n_recent;
    vz_flight recent[VZ_MAX_RECENT];
    int expects_passed, expects_failed, expects_total;
} vz_pane;

typedef enum vz_filter_kind {
    VZ_FILTER_ALL, VZ_FILTER_NARRATION, VZ_FILTER_EXPECT, VZ_FILTER_ACTIONS,
    VZ_FILTER_MODEL_EVENTS, VZ_FILTER_COUNT
} vz_filter_kind;

typedef struct vz_frame {
    char title[160];
    char scenario[160];        /* the file */
    /* Narration: every `say` of the instant of the latest one up to now (a
     * scenario often says several things at one time), oldest first; none
     * before the first. */
    int n_said;
    char said[VZ_MAX_SAID][VZ_TEXT];
    int64_t narration_ns;      /* when they were said */
    int64_t view_ns;           /* the merged clock shown in the top bar */
    int64_t end_ns;            /* time of the run's last event (timeline span) */
    uint64_t position;         /* merged event number (0 = before the first) */
    uint64_t total;            /* merged events in the run */
    int truncated;             /* 1: the run was cut at the runner's event cap */
    int n_panes;
    vz_pane panes[VZ_MAX_PANES];
    /* the log: the last events up to the position that pass the filter */
    int n_log;
    vz_logline log[VZ_MAX_LOG];
    int log_scroll;            /* lines scrolled back from the newest */
    int inspector_scroll;      /* inspector lines scrolled past (the viewer clamps it) */
    int filter_model;          /* pane 0 model index, -1 = every model */
    char filter_model_name[VZ_NAME];
    vz_filter_kind filter_kind;
    /* timeline */
    int n_marks;
    vz_mark marks[VZ_MAX_MARKS];
    uint32_t density[VZ_DENSITY_BINS];  /* events per time bin, all panes */
    /* controls */
    int playing;
    char speed[32];            /* "1x", "fast (no animation)" */
    int selected_model;        /* model index shown in the inspector, -1 none */
    int select_follows;        /* 1: nobody clicked; the inspector follows the last event */
    int selected_pane;
    int help;                  /* 1: the help overlay is shown (keys other than
                                  the ones that close it do nothing) */
    int present;               /* 1: presentation mode: larger text, no key hints */
    int animating;             /* 1: playing, or an event is still on its way:
                                  the window keeps drawing; 0: it sleeps until input */
    char entry[40];            /* text typed for "run until time", "" when not typing */
    int entry_active;
    char message[160];         /* one-line status ("no earlier event", "bad time ...") */
} vz_frame;

/* --- commands: what input asks of the runner ----------------------------- */
typedef enum vz_cmd_kind {
    VZ_CMD_NONE,
    VZ_CMD_QUIT,
    VZ_CMD_PLAY_PAUSE,
    VZ_CMD_STEP,               /* one event forward */
    VZ_CMD_BACK,               /* one event back (checkpoint + replay) */
    VZ_CMD_NEXT_SAY,           /* to the next narration, once every event of its
                                  instant has run (what it announces is shown) */
    VZ_CMD_NEXT_EXPECT,        /* run until the next expectation */
    VZ_CMD_RUN_TO_TIME,        /* text: a duration ("12s") */
    VZ_CMD_SPEED_UP,
    VZ_CMD_SPEED_DOWN,
    VZ_CMD_RESTART,
    VZ_CMD_TO_END,
    VZ_CMD_JUMP_EVENT,         /* arg: merged event number */
    VZ_CMD_JUMP_TIME,          /* arg: ns; goes to the last event at or before it */
    VZ_CMD_SELECT,             /* arg: model index (pane: which pane) */
    VZ_CMD_SELECT_NEXT,
    VZ_CMD_FILTER_MODEL,       /* cycle: every model, then each model */
    VZ_CMD_FILTER_KIND,        /* cycle through vz_filter_kind */
    VZ_CMD_LOG_SCROLL,         /* arg: lines, + older, - newer */
    VZ_CMD_INSPECTOR_SCROLL,   /* arg: lines, + down, - up */
    VZ_CMD_HELP,
    VZ_CMD_PRESENT,            /* presentation mode on / off */
    VZ_CMD_ENTRY_BEGIN,        /* start typing a time */
    VZ_CMD_ENTRY_TEXT,         /* text: characters typed */
    VZ_CMD_ENTRY_BACKSPACE,
    VZ_CMD_ENTRY_CANCEL,
    VZ_CMD_KIND_COUNT
} vz_cmd_kind;

typedef struct vz_cmd {
    vz_cmd_kind kind;
    int64_t arg;
    int pane;
    char text[48];             /* typed text (a time), cut at 47 bytes */
} vz_cmd;

/* Name of a command ("step", "back" ...), for tests and the help overlay. */
const char *vz_cmd_name(vz_cmd_kind k);

/* --- the runner as the viewer sees it ------------------------------------- */
typedef struct vz_host {
    void *user;
    /* The current frame (owned by the runner; valid until the next call). */
    const vz_frame *(*frame)(void *user);
    /* Carries out a command.  Returns 1 if the viewer should quit. */
    int (*command)(void *user, const vz_cmd *cmd);
    /* Wall time passed since the last tick, seconds: lets a playing run
     * advance and animations move. */
    void (*tick)(void *user, double wall_dt_s);
} vz_host;

#endif
