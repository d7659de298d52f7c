/// One handout as a part of a booklet, several handouts in one document: the handout's
/// title becomes numbered section `section` (starting a new page) and its own `begin` and
/// `end` are dropped; the booklet's are ``open(_:title:note:contents:)`` and the base
/// writer's `end`.
public struct BookletWriter: DocumentWriter {
    var base: any DocumentWriter
    let section: Int

    public init(_ base: any DocumentWriter, section: Int) {
        self.base = base
        self.section = section
    }

    /// Starts the booklet on `base`: its title, a line on what it holds, the table of contents.
    public static func open(_ base: inout any DocumentWriter, title: String, note: String, contents: [String]) throws {
        try base.begin(title: title)
        try base.write(.heading(level: 1, text: title))
        try base.write(.paragraph(note))
        try base.write(.contents(contents))
    }

    public mutating func begin(title: String) throws {}

    public mutating func write(_ block: Block) throws {
        if case let .heading(level: 1, text) = block {
            try base.write(.section(number: section, title: text))
        } else {
            try base.write(block)
        }
    }

    public mutating func end() throws {}
}
