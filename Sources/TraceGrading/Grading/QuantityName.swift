import TraceEngine

/// The names a student may write for a quantity: the trace's (`m_hat`), the lecture's
/// symbol (`m̂`), and the spellings people type (`mhat`, `w(t+1)`).
enum QuantityName {
    static func symbol(for written: String) -> Symbol? {
        let name = written.lowercased().filter { !$0.isWhitespace }
        if let symbol = Symbol(rawValue: name), symbol.kind == .perParameter { return symbol }
        switch name {
        case "m̂", "mhat", "m-hat", "m^": return .mHat
        case "v̂", "vhat", "v-hat", "v^": return .vHat
        case "vmax", "v-max", "v_{max}", "v^max": return .vMax
        case "wnew", "w-new", "w(t+1)", "w_next", "wnext", "w'": return .wNew
        case "w(t)": return .w
        default: return nil
        }
    }
}
