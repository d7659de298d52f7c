/// A formatted number split for typesetting: `-4.873e-05` is negative, mantissa `4.873`,
/// exponent `-5`.
struct ScientificNumber {
    var negative: Bool
    var mantissa: String
    /// The power of ten, without a plus sign or leading zeros; `nil` for plain numbers.
    var exponent: String?

    init(_ text: String) {
        var body = Substring(text)
        negative = body.hasPrefix("-")
        if negative { body = body.dropFirst() }
        guard let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            mantissa = String(body)
            exponent = nil
            return
        }
        mantissa = String(body[..<e])
        var power = body[body.index(after: e)...]
        if power.hasPrefix("+") { power = power.dropFirst() }
        let minus = power.hasPrefix("-")
        if minus { power = power.dropFirst() }
        while power.count > 1 && power.hasPrefix("0") { power = power.dropFirst() }
        exponent = (minus ? "-" : "") + power
    }
}
