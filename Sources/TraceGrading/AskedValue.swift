import TraceEngine

/// One value a student is asked for: a quantity of one parameter at one update.
public struct AskedValue: Sendable, Hashable {
    /// The update, from 1.
    public var t: Int
    /// The parameter's name, e.g. `W2[1,1]`.
    public var parameter: String
    /// `w`, `g`, a state value or `w_new`.
    public var quantity: Symbol

    public init(t: Int, parameter: String, quantity: Symbol) {
        self.t = t
        self.parameter = parameter
        self.quantity = quantity
    }

    /// `m̂ of W2[1,1] at t = 2`.
    public var description: String {
        "\(quantity.label) of \(parameter) at t = \(t)"
    }
}

extension Symbol {
    /// How feedback names an asked quantity: the lecture's symbol (`m̂`), `w_new` for the
    /// weight an update computes.
    var label: String { self == .wNew ? "w_new" : unicode }
}
