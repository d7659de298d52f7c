/// A writer that keeps the blocks it is given, so a part built for a document of its own
/// (a comparison) can be written inside another (a handout).
public struct BlockCollector: DocumentWriter {
    public private(set) var blocks: [Block] = []

    public init() {}

    public mutating func begin(title: String) throws {}
    public mutating func write(_ block: Block) throws { blocks.append(block) }
    public mutating func end() throws {}
}
