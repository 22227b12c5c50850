/* theme.h: the viewer's colours.  Chosen to survive a washed-out projector
 * and colour-blind viewers: a dark blue / orange / light-grey scheme (no
 * red-vs-green pair carries meaning), and every state also has a shape or a
 * label (a hatched bar, a marker triangle, "PASS"/"FAIL" text). */
#ifndef HVSIM_VIZ_THEME_H
#define HVSIM_VIZ_THEME_H

#include <SDL.h>

#define VZ_C(r, g, b) ((SDL_Color){(r), (g), (b), 255})

#define VZ_BG VZ_C(250, 250, 247)          /* page */
#define VZ_PANEL VZ_C(236, 239, 243)       /* panels */
#define VZ_INK VZ_C(20, 24, 32)            /* text */
#define VZ_DIM VZ_C(105, 112, 125)         /* secondary text */
#define VZ_LINE VZ_C(150, 158, 170)        /* borders */
#define VZ_HOST VZ_C(214, 228, 245)        /* Windows host */
#define VZ_HYP VZ_C(46, 64, 110)           /* hypervisor bar (white text) */
#define VZ_VM VZ_C(255, 236, 210)          /* utility VM */
#define VZ_T2 VZ_C(232, 232, 232)          /* classic VM */
#define VZ_WSL1 VZ_C(222, 236, 252)        /* WSL1 layer */
#define VZ_BLUE VZ_C(0, 90, 181)           /* active / used */
#define VZ_ORANGE VZ_C(220, 110, 0)        /* reserved / attention */
#define VZ_PALE VZ_C(255, 255, 255)
#define VZ_SELECT VZ_C(0, 0, 0)
#define VZ_SAY VZ_C(90, 50, 150)           /* narration (purple) */
#define VZ_PASS VZ_C(0, 90, 181)           /* blue + "PASS" + check shape */
#define VZ_FAIL VZ_C(200, 60, 0)           /* orange-red + "FAIL" + cross shape */
#define VZ_WHITE VZ_C(255, 255, 255)

#endif
