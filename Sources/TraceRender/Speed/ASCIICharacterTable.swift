/// A function of a character, worked out once for each of the 128 one-byte (ASCII) characters,
/// so that text of mostly ASCII is looked up by byte rather than compared or hashed as
/// `Character`s, which is slow (Swift compares characters by canonical equivalence). Other
/// characters are left to the function itself.
struct ASCIICharacterTable<Value: Sendable>: Sendable {
    private let values: [Value]

    /// The table of `value` over the one-byte characters.
    init(_ value: (Character) -> Value) {
        values = (0..<128).map { value(Character(Unicode.Scalar(UInt8($0)))) }
    }

    /// The value of `character` when it is one byte, else `nil`.
    subscript(character: Character) -> Value? {
        guard character.utf8.count == 1, let byte = character.utf8.first else { return nil }
        return values[Int(byte)]
    }

    /// The value of the one-byte character `byte` (below 0x80), else `nil`.
    subscript(byte byte: UInt8) -> Value? {
        byte < 0x80 ? values[Int(byte)] : nil
    }
}
