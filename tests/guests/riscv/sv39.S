/* Sv39 paging (see paging.inc): 4 KiB, 2 MiB and 1 GiB leaves, identity and elsewhere; misaligned
 * superpages and non-canonical addresses fault; load/store/fetch page faults (13/15/12) with mtval
 * and mepc; R/W/X/U permission checks from S and U, SUM and MXR; the reserved W-only encoding and
 * a pointer PTE at the last level fault; A set on any access and D on a store by the hardware;
 * sfence.vma (all, by address) after a PTE change; MPRV with MPP = S, U and M; page faults
 * delegated to S with stval; satp keeps its value when written with an unsupported mode. */
#define LEVELS 3
#define SATP_MODE SATP_SV39
#include "test.h"
#include "paging.inc"
