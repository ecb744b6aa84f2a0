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
#include <string.h>

/* libxml2 is opened on first use (dlopen, see LibXML2.swift), not linked: a process that never
   parses a page (a search) then loads neither it nor the ICU and liblzma it pulls in, which
   took about 0.5 ms of every process. These are the functions we call, typed from libxml2's
   own declarations (no symbol is referenced). */
typedef struct {
    __typeof__(&htmlReadMemory) htmlReadMemory;
    __typeof__(&xmlCtxtReadMemory) xmlCtxtReadMemory;
    __typeof__(&xmlDocGetRootElement) xmlDocGetRootElement;
    __typeof__(&xmlFreeDoc) xmlFreeDoc;
    __typeof__(&xmlFreeParserCtxt) xmlFreeParserCtxt;
    __typeof__(&xmlInitParser) xmlInitParser;
    __typeof__(&xmlNewParserCtxt) xmlNewParserCtxt;
    __typeof__(&xmlSetExternalEntityLoader) xmlSetExternalEntityLoader;
    __typeof__(&xmlSetGenericErrorFunc) xmlSetGenericErrorFunc;
    __typeof__(&xmlSetStructuredErrorFunc) xmlSetStructuredErrorFunc;
} FundstelleLibXML2Functions;

/* The string helpers the tree walks call for every node, here rather than through a pointer:
   as libxml2's xmlStrEqual (1 when equal, NULL equals only NULL), xmlStrcasecmp (0 when equal
   ignoring ASCII case) and xmlStrlen (0 for NULL). */
static inline int fundstelle_xmlStrEqual(const xmlChar *a, const xmlChar *b) {
    if (a == b) return 1;
    if (a == NULL || b == NULL) return 0;
    return strcmp((const char *)a, (const char *)b) == 0;
}

static inline int fundstelle_xmlStrcasecmp(const xmlChar *a, const xmlChar *b) {
    if (a == b) return 0;
    if (a == NULL) return -1;
    if (b == NULL) return 1;
    for (;; a++, b++) {
        int x = *a, y = *b;
        if (x >= 'A' && x <= 'Z') x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z') y += 'a' - 'A';
        if (x != y) return x - y;
        if (x == 0) return 0;
    }
}

static inline int fundstelle_xmlStrlen(const xmlChar *s) {
    return s == NULL ? 0 : (int)strlen((const char *)s);
}
#endif
