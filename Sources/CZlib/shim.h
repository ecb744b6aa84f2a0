#ifndef FUNDSTELLE_CZLIB_SHIM_H
#define FUNDSTELLE_CZLIB_SHIM_H
#include <zlib.h>
#endif
