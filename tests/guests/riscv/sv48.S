/* Sv48 paging: everything sv39.S checks (paging.inc) through four levels, plus a 512 GiB leaf at
 * level 3, a misaligned one, and Sv48's canonical-address rule. */
#define LEVELS 4
#define SATP_MODE SATP_SV48
#include "test.h"
#include "paging.inc"
