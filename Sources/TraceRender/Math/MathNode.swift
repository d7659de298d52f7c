import TraceEngine

/// A formula laid out for display: what LaTeX and MathML both need, and nothing they don't.
///
/// Built from an ``Expression`` by ``MathBuilder`` (quotients become fractions, as the
/// lecture writes them), with symbols kept or numbers put in their place.
public indirect enum MathNode: Sendable, Equatable {
    /// A lecture symbol (`η`, `β₁`, `m̂`).
    case symbol(Symbol)
    /// Any other name, e.g. `L`, `δ`, `a`, `W`.
    case name(String)
    /// A number, already formatted (`0.9`, `-0.05`, `1e-08`).
    case number(String)
    /// An operator or relation, in Unicode (`+`, `−`, `·`, `=`).
    case op(String)
    case row([MathNode])
    case fraction(MathNode, MathNode)
    case squareRoot(MathNode)
    case power(MathNode, MathNode)
    /// `(x)`.
    case fenced(MathNode)
    /// `base_sub`, e.g. `w_{ji}`.
    case subscripted(MathNode, MathNode)
    /// `base(index)`, e.g. `m(t+1)`, `w(3)`.
    case indexed(MathNode, MathNode)
    /// Upright words inside a formula.
    case text(String)
    /// `⌊x⌋`.
    case floor(MathNode)
    /// A named function of its arguments: `cos(x)`, `min(a, b)`.
    case function(String, [MathNode])
    /// `Σ` under its index, then what it adds up: `Σ_k y_k·ln ŷ_k`.
    case summation(MathNode, MathNode)
}
