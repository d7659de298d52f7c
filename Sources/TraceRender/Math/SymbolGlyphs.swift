import TraceEngine

/// How each symbol is written, in one place: plain Unicode (the terminal, Markdown, feedback),
/// LaTeX and MathML. The engine names symbols (`m_hat`); how they look is the writers' concern.
extension Symbol {
    /// The lecture's symbol in plain Unicode. `w_new` shows as `w`: the rule `w ← w − η·g`
    /// reads as the lecture's `w(t+1) = w(t) − η·g`.
    public var unicode: String {
        switch self {
        case .w, .wNew: return "w"
        case .g: return "g"
        case .v: return "v"
        case .s: return "s"
        case .ss: return "ss"
        case .m: return "m"
        case .mHat: return "m̂"
        case .vHat: return "v̂"
        case .vMax: return "v_max"
        case .eta: return "η"
        case .beta: return "β"
        case .rho: return "ρ"
        case .beta1: return "β₁"
        case .beta2: return "β₂"
        case .epsilon: return "ε"
        case .lambda: return "λ"
        case .l2: return "λ₂"
        case .initialAccumulator: return "s₀"
        case .gamma: return "γ"
        case .every: return "K"
        case .etaMin: return "η_min"
        case .period: return "T"
        case .etaT: return "ηₜ"
        case .w1: return "w₁"
        case .w2: return "w₂"
        case .coefficientA: return "a"
        case .coefficientB: return "b"
        case .t: return "t"
        }
    }

    /// The lecture's symbol in LaTeX.
    public var latex: String {
        switch self {
        case .w, .wNew: return "w"
        case .g: return "g"
        case .v: return "v"
        case .s: return "s"
        case .ss: return "ss"
        case .m: return "m"
        case .mHat: return "\\hat{m}"
        case .vHat: return "\\hat{v}"
        case .vMax: return "v_{\\max}"
        case .eta: return "\\eta"
        case .beta: return "\\beta"
        case .rho: return "\\rho"
        case .beta1: return "\\beta_1"
        case .beta2: return "\\beta_2"
        case .epsilon: return "\\varepsilon"
        case .lambda: return "\\lambda"
        case .l2: return "\\lambda_2"
        case .initialAccumulator: return "s_0"
        case .gamma: return "\\gamma"
        case .every: return "K"
        case .etaMin: return "\\eta_{\\min}"
        case .period: return "T"
        case .etaT: return "\\eta_t"
        case .w1: return "w_1"
        case .w2: return "w_2"
        case .coefficientA: return "a"
        case .coefficientB: return "b"
        case .t: return "t"
        }
    }

    /// The lecture's symbol in MathML: accents over m and v, subscripts as subscripts.
    var mathML: String {
        switch self {
        case .mHat: return "<mover accent=\"true\"><mi>m</mi><mo>^</mo></mover>"
        case .vHat: return "<mover accent=\"true\"><mi>v</mi><mo>^</mo></mover>"
        case .beta1: return "<msub><mi>β</mi><mn>1</mn></msub>"
        case .beta2: return "<msub><mi>β</mi><mn>2</mn></msub>"
        case .vMax: return "<msub><mi>v</mi><mi>max</mi></msub>"
        case .w, .wNew, .g, .v, .s, .ss, .m, .eta, .beta, .rho, .epsilon, .lambda, .l2, .initialAccumulator, .gamma,
            .every, .etaMin, .period, .etaT, .w1, .w2, .coefficientA, .coefficientB, .t:
            return "<mi>\(unicode)</mi>"
        }
    }
}
