import TraceEngine
import TraceRender

/// The names a student may write for a quantity: the trace's (`m_hat`), the lecture's
/// symbol (`m̂`), the trace's name without its underscore or with a hyphen (`mhat`, `m-hat`),
/// and a few spellings people type that follow from none of these (`w(t+1)`, `m^`).
enum QuantityName {
    static func symbol(for written: String) -> Symbol? {
        let name = written.lowercased().filter { !$0.isWhitespace }
        return spellings[name]
    }

    /// Spellings that are neither a symbol's name nor its glyph.
    private static let typed: [String: Symbol] = [
        "m^": .mHat, "v^": .vHat, "v_{max}": .vMax, "v^max": .vMax,
        "w(t+1)": .wNew, "w_next": .wNew, "wnext": .wNew, "w'": .wNew, "w(t)": .w,
    ]

    /// Every spelling of every per-parameter quantity, derived from the symbols themselves. A
    /// glyph two symbols share (`w` is both `w` and `w_new`'s) names the one whose name it is.
    private static let spellings: [String: Symbol] = {
        let quantities = Symbol.allCases.filter { $0.kind == .perParameter }
        var names = typed
        for symbol in quantities {
            let raw = symbol.rawValue
            for name in [raw, raw.replacingOccurrences(of: "_", with: ""), raw.replacingOccurrences(of: "_", with: "-")] {
                names[name] = symbol
            }
        }
        for symbol in quantities where names[symbol.unicode.lowercased()] == nil {
            names[symbol.unicode.lowercased()] = symbol
        }
        return names
    }()
}
