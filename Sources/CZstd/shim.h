#ifndef FUNDSTELLE_CZSTD_SHIM_H
#define FUNDSTELLE_CZSTD_SHIM_H
#include <zstd.h>
#include <zdict.h>
#endif
