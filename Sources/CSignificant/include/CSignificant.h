#ifndef TRACE_CSIGNIFICANT_H
#define TRACE_CSIGNIFICANT_H

#include <stddef.h>

/// Writes `x` with `precision` significant digits as printf's "%.*g" does (the C library's
/// exact decimal rounding, trailing zeros dropped) into `buffer` of `size` bytes, with a
/// terminating NUL; returns what snprintf returns (the length the text needs).
///
/// A C function because Swift cannot call a variadic C function directly, and its
/// `withVaList` looks up each argument's conformance at run time: that lookup was most of
/// the time a long text trace took.
int trace_format_significant(char *buffer, size_t size, int precision, double x);

/// As `trace_format_significant`, with printf's "%#.*g": trailing zeros kept (`0.1200`,
/// `1.000`) and the decimal point always written (`7744.`).
int trace_format_column(char *buffer, size_t size, int precision, double x);

/// As `trace_format_significant`, with printf's "%.*f": `decimals` digits after the point.
int trace_format_fixed(char *buffer, size_t size, int decimals, double x);

#endif
