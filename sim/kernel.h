/* kernel.h: what the kernel's own modules share and models must not see.
 *
 * The director (director.c) is a model of the kernel: it reads other
 * models' metrics to check expectations, which no registered model may do
 * (models affect each other only through events).  It gets the engine from
 * its ctx through this header.  Only the hvsim_sim library is compiled with
 * HVSIM_SIM_KERNEL (sim/CMakeLists.txt, PRIVATE), so a model that includes
 * this header does not compile. */
#ifndef HVSIM_SIM_KERNEL_H
#define HVSIM_SIM_KERNEL_H

#ifndef HVSIM_SIM_KERNEL
#error "kernel.h is private to sim/: models reach the engine only through sim_ctx (engine.h)"
#endif

#include "engine.h"

/* The engine a ctx belongs to (read-only). */
const sim_engine *sim_kernel_engine(const sim_ctx *ctx);

#endif
