/// Writes one figure of a document on its own, as a standalone SVG file (for slides): the
/// document is built as for any format, every figure in it is named (``Figure/name``), and at
/// the end the one chosen is written. With no choice, a document with one figure writes it.
public struct SVGFigureWriter: DocumentWriter {
    /// Why no figure was written; the command words it.
    public enum ChoiceError: Error, Equatable {
        /// The document has no figure.
        case noFigure
        /// The document has several figures and none was chosen: their names.
        case choose([String])
        /// The chosen name is not one of the document's figures.
        case unknown(String, [String])
    }

    let output: TraceOutput
    let choice: String?
    /// The document's figures in order, each with its name.
    public private(set) var figures: [(name: String, figure: Figure)] = []

    public init(output: TraceOutput, choice: String?) {
        self.output = output
        self.choice = choice
    }

    public mutating func begin(title: String) throws {}

    public mutating func write(_ block: Block) throws {
        guard let figure = block.figure else { return }
        // A second figure of the same name is `name-2`, and so on.
        let base = figure.name
        var name = base, k = 1
        while figures.contains(where: { $0.name == name }) {
            k += 1
            name = "\(base)-\(k)"
        }
        figures.append((name, figure))
    }

    public mutating func end() throws {
        let names = figures.map(\.name)
        let chosen: Figure
        if let choice {
            guard let found = figures.first(where: { $0.name == choice }) else { throw ChoiceError.unknown(choice, names) }
            chosen = found.figure
        } else {
            guard let only = figures.first else { throw ChoiceError.noFigure }
            guard figures.count == 1 else { throw ChoiceError.choose(names) }
            chosen = only.figure
        }
        try output.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + chosen.svg + "\n")
        try output.flush()
    }
}
