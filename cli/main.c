/* main.c: the hvsim executable; everything is in cli.c (so tests and other
 * front ends can link the command line as a library). */
#include "cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
