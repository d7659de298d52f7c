/// A plain-text table with aligned columns: the first column left-aligned, the rest right.
/// Columns are two spaces apart, or one where that keeps the table in fewer blocks and no
/// cell holds a space (so one space still tells every column from the next). When the
/// columns do not fit `width`, they are stacked in blocks one under the other, each block
/// repeating the key columns (the first, or the first `keyColumns`) that name the row.
struct TextTable {
    var header: [String]
    var rows: [[String]]
    /// Rows (by index) set apart with the style's focus.
    var focusedRows: Set<Int> = []
    /// The leading columns that name a row, repeated in front of every block.
    var keyColumns = 1

    func render(indent: String = "", width: Int = .max, style: TextStyle = .plain) -> String {
        var widths = header.map(TextLayout.displayWidth)
        for row in rows {
            for (c, cell) in row.enumerated() { widths[c] = max(widths[c], TextLayout.displayWidth(cell)) }
        }
        let keys = Array(0..<max(1, min(keyColumns, header.count)))
        let available = width - indent.count
        let apart = Self.blocks(widths: widths, available: available, keyColumns: keys.count, gap: 2)
        let spaced = ([header] + rows).contains { $0.contains { $0.contains(" ") } }
        let close = spaced ? apart : Self.blocks(widths: widths, available: available, keyColumns: keys.count, gap: 1)
        let (blocks, gap) = close.count < apart.count ? (close, " ") : (apart, "  ")

        func line(_ cells: [String], columns: [Int], isHeader: Bool, isFocused: Bool) -> String {
            let padded = (keys + columns).map { c in
                let cell = cells[c]
                let pad = String(repeating: " ", count: widths[c] - TextLayout.displayWidth(cell))
                let shown = isHeader && c > 0 ? style.symbol(cell) : (isFocused && c == 0 ? style.focus(cell) : cell)
                return c == 0 ? shown + pad : pad + shown
            }
            return indent + padded.joined(separator: gap)
        }
        return blocks.map { columns in
            let body = rows.enumerated().map { r, row in line(row, columns: columns, isHeader: false, isFocused: focusedRows.contains(r)) }
            return ([line(header, columns: columns, isHeader: true, isFocused: false)] + body).joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// The columns after the key columns in as few blocks as fit `available` (each block has
    /// the key columns in front), as even in size as they can be: `w g m v` over `m̂ v̂ w_new`,
    /// not six columns over one. Columns are `gap` spaces apart.
    static func blocks(widths: [Int], available: Int, keyColumns: Int = 1, gap: Int = 2) -> [[Int]] {
        let columns = Array(widths.indices.dropFirst(keyColumns))
        let keyWidth = widths.prefix(keyColumns).reduce(0, +) + gap * (keyColumns - 1)
        func blockWidth(_ block: ArraySlice<Int>) -> Int { block.reduce(keyWidth) { $0 + gap + widths[$1] } }
        func greedy(maximumCount: Int) -> [[Int]] {
            var blocks: [[Int]] = []
            var block: [Int] = []
            for c in columns {
                if !block.isEmpty, block.count == maximumCount || blockWidth(block[...] + [c]) > available {
                    blocks.append(block)
                    block = []
                }
                block.append(c)
            }
            blocks.append(block)
            return blocks
        }
        let fewest = greedy(maximumCount: .max)
        guard fewest.count > 1 else { return fewest }
        let even = greedy(maximumCount: (columns.count + fewest.count - 1) / fewest.count)
        return even.count == fewest.count ? even : fewest
    }
}
