import TraceEngine

/// The lesson's `grading:` section: how close an answer must be.
public struct GradingSettings: Sendable, Equatable {
    /// An answer `a` is right when `|a − e| ≤ atol + rtol·|e|` for the expected value `e`.
    public struct Tolerance: Sendable, Equatable {
        public var rtol: Double
        public var atol: Double

        public init(rtol: Double, atol: Double) {
            self.rtol = rtol
            self.atol = atol
        }

        /// Hand arithmetic to four significant digits: a value rounded to four digits is off
        /// by at most 5·10⁻⁴ of itself, so one part in a thousand leaves room for the last digit;
        /// the absolute part only matters for values within 10⁻¹² of zero.
        public static let handArithmetic = Tolerance(rtol: 1e-3, atol: 1e-12)

        /// Whether `answer` is close enough to `expected`.
        public func accepts(_ answer: Double, expected: Double) -> Bool {
            answer.isFinite && expected.isFinite && abs(answer - expected) <= atol + rtol * abs(expected)
        }
    }

    /// The lesson's `rtol:` and `atol:`, for every quantity not in ``quantities``; `nil` where
    /// the lesson leaves them to the defaults.
    public var rtol: Double?
    public var atol: Double?
    /// Per quantity (`g`, `m_hat`, …), whole.
    public var quantities: [Symbol: Tolerance] = [:]

    public init() {}

    /// The significant digits a worksheet asks every value to (hand arithmetic's tolerance,
    /// one part in a thousand, is what four digits give).
    public static let askedSignificantDigits = 4

    /// The default relative tolerance of `quantity`: one part in a thousand (four significant
    /// digits), except for `g`, which goes through the whole forward and backward pass and
    /// whose batch mean of terms of opposite sign loses digits to cancellation: five parts.
    public static func defaultRelativeTolerance(for quantity: Symbol) -> Double {
        quantity == .g ? 5e-3 : Tolerance.handArithmetic.rtol
    }

    /// The tolerance for `quantity` before the lesson's own entry for it: the lesson's
    /// `rtol:`/`atol:` where given, else the defaults.
    public func baseTolerance(for quantity: Symbol) -> Tolerance {
        Tolerance(rtol: rtol ?? Self.defaultRelativeTolerance(for: quantity), atol: atol ?? Tolerance.handArithmetic.atol)
    }

    /// The tolerance for `quantity`: the lesson's entry for it, else ``baseTolerance(for:)``.
    public func tolerance(for quantity: Symbol) -> Tolerance {
        quantities[quantity] ?? baseTolerance(for: quantity)
    }
}
