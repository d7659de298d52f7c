#ifndef TRACE_CCMARK_SHIM_H
#define TRACE_CCMARK_SHIM_H
#include <cmark.h>
#endif
