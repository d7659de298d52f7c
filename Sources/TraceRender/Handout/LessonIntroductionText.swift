import TraceEngine

/// A worksheet's opening as text, for a terminal: the lesson's network and data (or
/// objective), hyperparameters and formulas, numbers written exactly, no lesson prose (it
/// discusses the lesson's numbers, which a variant changes). `trace quiz` starts with it.
public enum LessonIntroductionText {
    public static func text(_ run: RunDescription) throws -> String {
        let output = StringOutput()
        var writer: any DocumentWriter = TextDocumentWriter(output: output)
        let introduction = LessonIntroduction(
            number: NumberFormat.exact, vector: { "(" + $0.map(NumberFormat.exact).joined(separator: ", ") + ")" }, showsSummary: false)
        try introduction.write(run, to: &writer)
        try writer.end()
        return output.text
    }
}
