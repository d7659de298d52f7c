/// One line of a ``Block/lines(_:)`` block: how deep it sits under the lines before it, and
/// what it says.
///
/// ```
/// Forward pass and chain rule                          depth 0
///   sample 1: x = [1, 0]  y = [1]                      depth 1
///     layer 1 (sigmoid): z = [0.1, -0.2]  a = …        depth 2
/// ```
public struct IndentedLine: Sendable {
    /// 0 for a line of its own; each step deeper is a part of the nearest shallower line above.
    public var depth: Int
    public var parts: [LinePart]

    public init(depth: Int = 0, _ parts: [LinePart]) {
        self.depth = depth
        self.parts = parts
    }

    /// A line of plain text.
    public init(depth: Int = 0, _ text: String) {
        self.init(depth: depth, [.text(text)])
    }
}
