#!/usr/bin/env python3
"""Writes Sources/TraceRender/Speed/ShortestDigits+Table.swift: the powers of ten that
ShortestDigits (Schubfach, R. Giulietti, "The Schubfach way to render doubles")
multiplies by.

For every e in E_MIN...E_MAX it stores the 126-bit integer

    g(e) = floor(10^e * 2^-r(e)) + 1,    r(e) = floor(log2(10^e)) - 125,

so that 2^125 <= g(e) < 2^126 and (g(e) - 1) * 2^r(e) <= 10^e < g(e) * 2^r(e),
split as g(e) = g1 * 2^63 + g0 with g1 and g0 below 2^63 (the layout of the
paper's section 9 and of the JDK's MathUtils). The Swift code reads it for
e = -k, where k = floor(log10(2^q)) (or floor(log10(3/4 * 2^q))) over all the
binary exponents q of Double: that gives E_MIN = -292 and E_MAX = 324, which this
script checks.

Everything is exact integer or Fraction arithmetic: no floating point, no
dependencies, and the same output on every run.

It also checks the three fixed-point logarithms the Swift code uses
(flog10pow2, flog10threeQuartersPow2, flog2pow10) against exact values over
every exponent they are used for, and fails loudly if one is wrong.

Usage (from anywhere; the output path defaults to the package's Sources):

    python3 Tests/Fixtures/reference/make_shortest_digits_table.py
    python3 Tests/Fixtures/reference/make_shortest_digits_table.py --check

--check writes nothing and exits 1 if the committed file differs from what
this script would write.
"""

import sys
from fractions import Fraction
from pathlib import Path

Q_MIN = -1074  # the binary exponent of the least subnormal: 2^-1074
Q_MAX = 971    # the binary exponent of the greatest finite double: (2^53 - 1) * 2^971
C_MIN = 1 << 52

OUTPUT = Path(__file__).resolve().parents[3] / "Sources" / "TraceRender" / "Speed" / "ShortestDigits+Table.swift"


def floor_log(base, x):
    """floor(log_base(x)) for a positive Fraction x, exactly."""
    k = 0
    while Fraction(base) ** k > x:
        k -= 1
    while Fraction(base) ** (k + 1) <= x:
        k += 1
    return k


# The fixed-point forms the Swift code evaluates (an arithmetic right shift is a floor).
def flog10pow2(q):
    return (q * 661_971_961_083) >> 41


def flog10three_quarters_pow2(q):
    return (q * 661_971_961_083 - 274_743_187_321) >> 41


def flog2pow10(e):
    return (e * 913_124_641_741) >> 38


def check_logarithms():
    """The fixed-point logarithms against exact ones, over the exponents ShortestDigits uses."""
    ks = set()
    for q in range(Q_MIN, Q_MAX + 1):
        exact = floor_log(10, Fraction(2) ** q)
        assert flog10pow2(q) == exact, f"flog10pow2({q})"
        ks.add(exact)
        if q > Q_MIN:  # the irregular spacing (c = 2^52) never happens at Q_MIN
            exact34 = floor_log(10, Fraction(3, 4) * Fraction(2) ** q)
            assert flog10three_quarters_pow2(q) == exact34, f"flog10threeQuartersPow2({q})"
            ks.add(exact34)
    for e in range(-min(ks) + 1, -max(ks) - 2, -1):
        assert flog2pow10(e) == floor_log(2, Fraction(10) ** e), f"flog2pow10({e})"
    return -max(ks), -min(ks)


def g(e):
    r = flog2pow10(e) - 125
    value = Fraction(10) ** e / Fraction(2) ** r
    result = value.numerator // value.denominator + 1
    assert (1 << 125) <= result < (1 << 126), f"g({e}) out of range"
    # The defining inequality, checked again in exact arithmetic.
    assert Fraction(result - 1) * Fraction(2) ** r <= Fraction(10) ** e < Fraction(result) * Fraction(2) ** r
    return result


def render(e_min, e_max):
    mask63 = (1 << 63) - 1
    lines = [
        "// GENERATED FILE: do not edit by hand.",
        "// Written by Tests/Fixtures/reference/make_shortest_digits_table.py (exact integer arithmetic).",
        "// To rerun, from the package root:",
        "//     python3 Tests/Fixtures/reference/make_shortest_digits_table.py",
        "// and check that it is current with the same command and --check.",
        "",
        "extension ShortestDigits {",
        f"    /// The least `e` in ``powersOfTen``: `-floor(log10(2^{Q_MAX}))`.",
        f"    static let powersOfTenMinimumExponent = {e_min}",
        "",
        f"    /// For e = {e_min}...{e_max}, at index `2 * (e - powersOfTenMinimumExponent)` and the next,",
        "    /// the two 63-bit halves g1, g0 of the 126-bit g(e) = floor(10^e * 2^-r) + 1,",
        "    /// r = floor(log2(10^e)) - 125, so that g(e) = g1 * 2^63 + g0 and",
        "    /// (g(e) - 1) * 2^r <= 10^e < g(e) * 2^r (Giulietti, \"The Schubfach way to render",
        "    /// doubles\", section 9).",
        "    static let powersOfTen: [UInt64] = [",
    ]
    for e in range(e_min, e_max + 1):
        value = g(e)
        g1, g0 = value >> 63, value & mask63
        lines.append(f"        0x{g1:016X}, 0x{g0:016X}, // {e}")
    lines.append("    ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv):
    e_min, e_max = check_logarithms()
    assert (e_min, e_max) == (-292, 324), (e_min, e_max)
    text = render(e_min, e_max)
    if "--check" in argv:
        current = OUTPUT.read_text() if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT} is not what {Path(__file__).name} writes: rerun it", file=sys.stderr)
            return 1
        print(f"{OUTPUT} is current")
        return 0
    OUTPUT.write_text(text)
    print(f"wrote {OUTPUT} ({e_max - e_min + 1} powers of ten)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
