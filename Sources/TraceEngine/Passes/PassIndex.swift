/// A layer's or a unit's index in a formula of the passes: a letter with an offset
/// (`l`, `l + 1`, `l − 1`), or, once the formula is taken at one unit, a number.
///
/// Layers are numbered from the input's 0 (`a_0 = x`) to the last, `L`; units from 1.
/// `j` is a unit of the layer the formula is about, `i` one of the layer below (an input
/// of the weight `W_l[j,i]`), `k` one of the layer above, or an output.
public struct PassIndex: Sendable, Hashable {
    public enum Letter: String, Sendable, CaseIterable {
        /// A layer.
        case l
        /// The last layer.
        case L
        case i, j, k
    }

    /// The letter, or `nil` for a number.
    public var letter: Letter?
    /// Added to the letter's value; the number itself when there is no letter.
    public var offset: Int

    public init(_ letter: Letter, offset: Int = 0) {
        self.letter = letter
        self.offset = offset
    }

    /// A number: layer 2, unit 1.
    public init(number: Int) {
        letter = nil
        offset = number
    }

    public static let l = PassIndex(.l)
    public static let L = PassIndex(.L)
    public static let i = PassIndex(.i)
    public static let j = PassIndex(.j)
    public static let k = PassIndex(.k)

    /// `l + 1`, `l − 1`.
    public static func + (index: PassIndex, n: Int) -> PassIndex {
        var shifted = index
        shifted.offset += n
        return shifted
    }

    public static func - (index: PassIndex, n: Int) -> PassIndex { index + -n }

    /// The index with each letter that `numbers` gives replaced by its number plus the offset.
    public func numbered(_ numbers: [Letter: Int]) -> PassIndex {
        guard let letter, let value = numbers[letter] else { return self }
        return PassIndex(number: value + offset)
    }
}
