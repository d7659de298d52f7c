import TraceEngine

/// One value a student is asked for: a quantity of one parameter at one update, or a value
/// of one sample's forward or backward pass at one update (``place``).
public struct AskedValue: Sendable, Hashable {
    /// The update, from 1.
    public var t: Int
    /// The parameter's name, e.g. `W2[1,1]`; for a sample's value, its place's ``SamplePlace/fullName``.
    public var parameter: String
    /// `w`, `g`, a state value or `w_new`; for a sample's value `g`, whose tolerance it is graded with.
    public var quantity: Symbol
    /// For a value of a sample's forward or backward pass (`z2[1]` of sample 1): where it is.
    public var place: SamplePlace?

    public init(t: Int, parameter: String, quantity: Symbol) {
        self.t = t
        self.parameter = parameter
        self.quantity = quantity
    }

    /// A value of a sample's forward or backward pass.
    public init(t: Int, place: SamplePlace) {
        self.t = t
        self.parameter = place.fullName
        self.quantity = .g
        self.place = place
    }

    /// `m̂ of W2[1,1] at t = 2`; `δ1[2] of sample 1 at t = 1`.
    public var description: String {
        if let place { return "\(place.unicode) of sample \(place.sample) at t = \(t)" }
        return "\(quantity.label) of \(parameter) at t = \(t)"
    }

    /// The quantity's name in answers.csv and the key: `m_hat`, `z`, `delta`.
    public var quantityName: String { place?.quantity.rawValue ?? quantity.rawValue }

    /// The quantity's symbol for feedback: `m̂`, `w_new`, `z2[1]`, `δ1[2]`, `L`.
    public var label: String { place?.unicode ?? quantity.label }
}

extension Symbol {
    /// How feedback names an asked quantity: the lecture's symbol (`m̂`), `w_new` for the
    /// weight an update computes.
    var label: String { self == .wNew ? "w_new" : unicode }
}
