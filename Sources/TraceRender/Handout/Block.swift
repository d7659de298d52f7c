import TraceEngine

/// A piece of a handout. Blocks are produced in reading order and rendered as they come,
/// so a handout streams like the other formats.
public enum Block: Sendable {
    /// A heading; 1 is the document's title, deeper levels head smaller parts (a handout's
    /// steps are level 3, the terminal trace's level 4).
    case heading(level: Int, text: String)
    /// The lesson's own Markdown prose (rendered by libcmark in HTML, kept as-is in Markdown).
    case prose(String)
    /// A sentence of ours, plain text.
    case paragraph(String)
    /// A sentence of ours with formulas in it (the loss in the network's description).
    case mathParagraph([ParagraphPart])
    /// Display equations, one per line.
    case equations([MathNode])
    /// Lines set one under the other, each indented by its depth, with no space between them:
    /// a run's settings, the formulas it uses, a step's forward pass, a worked example.
    case lines([IndentedLine])
    /// Program text, shown as written (one statement per line), in `language` (`python`).
    case code(language: String, text: String)
    case table(Table)
    /// The network drawn with its units and initial weights (an SVG figure in HTML).
    case network(Network)
    /// Values per update, e.g. the loss or η_t, one series per line (an SVG plot in HTML;
    /// a table carries the same numbers in every format).
    case plot(label: String, series: [PlotSeries], caption: String)
    /// Optimizers' paths over a two-weight objective's loss contours (an SVG figure in HTML).
    case trajectories(ContourFigure)
    /// One sample's forward and backward pass drawn on the network: `z`, `a`, `δ` per unit and
    /// each weight's `δ·a` (an SVG figure in HTML; a table beside it has the numbers).
    case passes(PassFigure)
    /// A list of links to sibling files: `(text, file, note)`.
    case links([(text: String, file: String, note: String)])
    /// Opens a part that a printed page never splits (one update, the formulas, the loss);
    /// `id` names it, e.g. `step-3`.
    case beginGroup(id: String)
    case endGroup
    /// A booklet's numbered part, one lesson (`1. Gradient descent …`), starting a new page.
    case section(number: Int, title: String)
    /// A booklet's table of contents: its sections' titles, numbered from 1.
    case contents([String])
}

/// One line of a plot: a name for the legend and a value per update.
public struct PlotSeries: Sendable {
    public var name: String
    public var points: [(t: Int, value: Double)]
    /// Whether each value holds from its update to the next (a learning-rate schedule): drawn
    /// as a staircase, not as sloped lines between points.
    public var isStepFunction: Bool
    /// The update at which the run diverged (a value no longer finite), if it did: the plot
    /// marks it and keeps its view to the run's meaningful values (``ValueAxis``).
    public var divergedAt: Int?

    /// How far above a diverged run's first value its plot reaches (``ValueAxis``), for a caption.
    public static var divergedViewCeiling: Double { ValueAxis.divergenceCeiling }

    public init(name: String, points: [(t: Int, value: Double)], isStepFunction: Bool = false, divergedAt: Int? = nil) {
        self.name = name
        self.points = points
        self.isStepFunction = isStepFunction
        self.divergedAt = divergedAt
    }
}

/// A table of plain-text cells. Columns of plain numbers are right-aligned.
public struct Table: Sendable {
    public var header: [String]
    public var rows: [[String]]
    public var caption: String?
    /// Rows (by index) of the parameter the reader follows: a terminal sets their first cell
    /// apart; a page shows them as the others, its worked example naming the parameter.
    public var focusedRows: Set<Int>
    /// The leading columns that name a row (a parameter, or a parameter and a value): a
    /// terminal too narrow for the table stacks it in blocks that each repeat them.
    public var keyColumns: Int

    public init(header: [String], rows: [[String]], caption: String? = nil, focusedRows: Set<Int> = [], keyColumns: Int = 1) {
        self.header = header
        self.rows = rows
        self.caption = caption
        self.focusedRows = focusedRows
        self.keyColumns = keyColumns
    }

    /// Whether column `c` holds only plain numbers (and so aligns right).
    public func isNumeric(column c: Int) -> Bool {
        c > 0 && rows.allSatisfy { c < $0.count && Double($0[c]) != nil || c < $0.count && ["nan", "inf", "-inf"].contains($0[c]) }
    }
}

/// Writes blocks in one format as they arrive.
public protocol DocumentWriter {
    mutating func begin(title: String) throws
    mutating func write(_ block: Block) throws
    mutating func end() throws
}
