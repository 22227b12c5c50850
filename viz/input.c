/* input.c: keys and clicks to commands (see input.h). */
#include "input.h"

#include "draw.h"

#include <stdio.h>
#include <string.h>

static const char *const cmd_names[VZ_CMD_KIND_COUNT] = {
    [VZ_CMD_NONE] = "none",
    [VZ_CMD_QUIT] = "quit",
    [VZ_CMD_PLAY_PAUSE] = "play/pause",
    [VZ_CMD_STEP] = "step",
    [VZ_CMD_BACK] = "back",
    [VZ_CMD_NEXT_SAY] = "next narration",
    [VZ_CMD_NEXT_EXPECT] = "next expectation",
    [VZ_CMD_RUN_TO_TIME] = "run to time",
    [VZ_CMD_SPEED_UP] = "faster",
    [VZ_CMD_SPEED_DOWN] = "slower",
    [VZ_CMD_RESTART] = "restart",
    [VZ_CMD_TO_END] = "to end",
    [VZ_CMD_JUMP_EVENT] = "jump to event",
    [VZ_CMD_JUMP_TIME] = "jump to time",
    [VZ_CMD_SELECT] = "select",
    [VZ_CMD_SELECT_NEXT] = "select next",
    [VZ_CMD_FILTER_MODEL] = "filter model",
    [VZ_CMD_FILTER_KIND] = "filter kind",
    [VZ_CMD_LOG_SCROLL] = "scroll log",
    [VZ_CMD_HELP] = "help",
    [VZ_CMD_PRESENT] = "presentation mode",
    [VZ_CMD_INSPECTOR_SCROLL] = "scroll inspector",
    [VZ_CMD_ENTRY_BEGIN] = "type a time",
    [VZ_CMD_ENTRY_TEXT] = "typed",
    [VZ_CMD_ENTRY_BACKSPACE] = "backspace",
    [VZ_CMD_ENTRY_CANCEL] = "cancel typing",
};

const char *vz_cmd_name(vz_cmd_kind k)
{
    return k >= 0 && k < VZ_CMD_KIND_COUNT && cmd_names[k] ? cmd_names[k] : "?";
}

static int simple(vz_cmd *out, vz_cmd_kind k, int64_t arg)
{
    memset(out, 0, sizeof *out);
    out->kind = k;
    out->arg = arg;
    return 1;
}

static int map_entry_key(const SDL_Event *ev, const vz_frame *f, vz_cmd *out)
{
    if (ev->type == SDL_TEXTINPUT) {
        simple(out, VZ_CMD_ENTRY_TEXT, 0);
        snprintf(out->text, sizeof out->text, "%s", ev->text.text);
        return 1;
    }
    if (ev->type != SDL_KEYDOWN) return 0;
    switch (ev->key.keysym.sym) {
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        simple(out, VZ_CMD_RUN_TO_TIME, 0);
        snprintf(out->text, sizeof out->text, "%s", f->entry);
        return 1;
    case SDLK_ESCAPE: return simple(out, VZ_CMD_ENTRY_CANCEL, 0);
    case SDLK_BACKSPACE: return simple(out, VZ_CMD_ENTRY_BACKSPACE, 0);
    default: return 0;
    }
}

static int map_key(const SDL_Event *ev, vz_cmd *out)
{
    SDL_Keycode k = ev->key.keysym.sym;
    int shift = (ev->key.keysym.mod & KMOD_SHIFT) != 0;
    switch (k) {
    case SDLK_SPACE: return simple(out, VZ_CMD_PLAY_PAUSE, 0);
    case SDLK_RIGHT:
    case SDLK_PERIOD: return simple(out, VZ_CMD_STEP, 0);
    case SDLK_LEFT:
    case SDLK_COMMA: return simple(out, VZ_CMD_BACK, 0);
    case SDLK_n: return simple(out, VZ_CMD_NEXT_SAY, 0);
    case SDLK_e: return simple(out, VZ_CMD_NEXT_EXPECT, 0);
    case SDLK_t: return simple(out, VZ_CMD_ENTRY_BEGIN, 0);
    case SDLK_PLUS:
    case SDLK_EQUALS:
    case SDLK_KP_PLUS:
    case SDLK_UP: return simple(out, VZ_CMD_SPEED_UP, 0);
    case SDLK_MINUS:
    case SDLK_KP_MINUS:
    case SDLK_DOWN: return simple(out, VZ_CMD_SPEED_DOWN, 0);
    case SDLK_r:
    case SDLK_HOME: return simple(out, VZ_CMD_RESTART, 0);
    case SDLK_END: return simple(out, VZ_CMD_TO_END, 0);
    case SDLK_f: return simple(out, VZ_CMD_FILTER_MODEL, 0);
    case SDLK_k: return simple(out, VZ_CMD_FILTER_KIND, 0);
    case SDLK_TAB: return simple(out, VZ_CMD_SELECT_NEXT, 0);
    case SDLK_PAGEUP:
        return shift ? simple(out, VZ_CMD_LOG_SCROLL, 10) : simple(out, VZ_CMD_INSPECTOR_SCROLL, -8);
    case SDLK_PAGEDOWN:
        return shift ? simple(out, VZ_CMD_LOG_SCROLL, -10) : simple(out, VZ_CMD_INSPECTOR_SCROLL, 8);
    case SDLK_p: return simple(out, VZ_CMD_PRESENT, 0);
    case SDLK_F1:
    case SDLK_h:
    case SDLK_QUESTION: return simple(out, VZ_CMD_HELP, 0);
    case SDLK_SLASH: return shift ? simple(out, VZ_CMD_HELP, 0) : 0;
    case SDLK_ESCAPE: return simple(out, VZ_CMD_QUIT, 0);
    case SDLK_q: return simple(out, VZ_CMD_QUIT, 0);
    default: return 0;
    }
}

static int map_click(int x, int y, const vz_frame *f, const vz_layout *l, vz_cmd *out)
{
    if (vz_inside(l->timeline, x, y))
        return simple(out, VZ_CMD_JUMP_TIME, vz_layout_time_at(l, f, x));
    if (vz_inside(l->filter_model_btn, x, y)) return simple(out, VZ_CMD_FILTER_MODEL, 0);
    if (vz_inside(l->filter_kind_btn, x, y)) return simple(out, VZ_CMD_FILTER_KIND, 0);
    for (int i = 0; i < l->n_log_rows; i++)
        if (l->log_row_index[i] && vz_inside(l->log_row[i], x, y))
            return simple(out, VZ_CMD_JUMP_EVENT, (int64_t)l->log_row_index[i]);
    /* Boxes nest (the NIC inside the VM): the smallest box under the mouse. */
    int best_p = -1, best_i = -1;
    long best_area = 0;
    for (int p = 0; p < f->n_panes && p < VZ_MAX_PANES; p++)
        for (int i = 0; i < f->panes[p].n_models && i < VZ_MAX_MODELS; i++) {
            if (!l->has_box[p][i] || !vz_inside(l->box[p][i], x, y)) continue;
            long area = (long)l->box[p][i].w * l->box[p][i].h;
            if (best_i < 0 || area < best_area) {
                best_p = p;
                best_i = i;
                best_area = area;
            }
        }
    if (best_i >= 0) {
        simple(out, VZ_CMD_SELECT, best_i);
        out->pane = best_p;
        return 1;
    }
    return 0;
}

/* With the help shown, only the keys that close it (or quit) act: nothing
 * moves behind the overlay.  A click anywhere closes it. */
static int map_help_key(const SDL_Event *ev, vz_cmd *out)
{
    if (ev->type == SDL_MOUSEBUTTONDOWN) return simple(out, VZ_CMD_HELP, 0);
    if (ev->type != SDL_KEYDOWN) return 0;
    switch (ev->key.keysym.sym) {
    case SDLK_F1:
    case SDLK_h:
    case SDLK_QUESTION:
    case SDLK_SLASH:
    case SDLK_ESCAPE: return simple(out, VZ_CMD_HELP, 0);
    case SDLK_q: return simple(out, VZ_CMD_QUIT, 0);
    default: return 0;
    }
}

int vz_input_map(const SDL_Event *ev, const vz_frame *f, const vz_layout *l, vz_cmd *out)
{
    if (ev->type == SDL_QUIT) return simple(out, VZ_CMD_QUIT, 0);
    if (f->entry_active) return map_entry_key(ev, f, out);
    if (f->help) return map_help_key(ev, out);
    switch (ev->type) {
    case SDL_KEYDOWN: return map_key(ev, out);
    case SDL_MOUSEBUTTONDOWN:
        if (ev->button.button != SDL_BUTTON_LEFT) return 0;
        return map_click(ev->button.x, ev->button.y, f, l, out);
    case SDL_MOUSEWHEEL: { /* the panel under the mouse scrolls */
        if (!ev->wheel.y) return 0;
        int mx = 0, my = 0;
        SDL_GetMouseState(&mx, &my);
        if (ev->wheel.mouseX || ev->wheel.mouseY) mx = ev->wheel.mouseX, my = ev->wheel.mouseY;
        if (vz_inside(l->inspector, mx, my))
            return simple(out, VZ_CMD_INSPECTOR_SCROLL, ev->wheel.y > 0 ? -3 : 3);
        return simple(out, VZ_CMD_LOG_SCROLL, ev->wheel.y > 0 ? 3 : -3);
    }
    default: return 0;
    }
}
