#ifndef FUNDSTELLE_CLIBXML2_SHIM_H
#define FUNDSTELLE_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, and its encoding.h then includes the system's ICU
   headers, whose declarations clash with the ICU copy inside Foundation when a module imports
   both. We use no ICU-specific field of libxml2 (only the trailing ones of
   xmlCharEncodingHandler depend on it, and we never touch them), so hide the ICU part. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/encoding.h>
#endif
