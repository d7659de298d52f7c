#include "CSignificant.h"

#include <stdio.h>

int trace_format_significant(char *buffer, size_t size, int precision, double x) {
    return snprintf(buffer, size, "%.*g", precision, x);
}

int trace_format_column(char *buffer, size_t size, int precision, double x) {
    return snprintf(buffer, size, "%#.*g", precision, x);
}

int trace_format_fixed(char *buffer, size_t size, int decimals, double x) {
    return snprintf(buffer, size, "%.*f", decimals, x);
}
