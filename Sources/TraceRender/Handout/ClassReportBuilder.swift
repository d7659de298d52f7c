/// The teacher's report of a graded class (`trace grade --report`): who was graded and who
/// was not, the known mistakes behind wrong answers, ranked by how many students made them
/// (what to revisit next lecture), then per assignment how the scores spread and how often
/// each asked value was right.
///
/// Markdown and HTML are written from the same blocks.
public struct ClassReportBuilder {
    public var writer: any DocumentWriter
    /// `summary` leaves out each mistake's explanation and the table of every asked value.
    public var detail: Detail

    public init(writer: any DocumentWriter, detail: Detail = .full) {
        self.writer = writer
        self.detail = detail
    }

    /// `Class report: ` and the lessons the keys are of.
    public static func title(_ graded: GradedClass) -> String {
        "Class report: " + graded.lessons.joined(separator: "; ")
    }

    /// Writes the whole report of `graded`.
    public mutating func write(_ graded: GradedClass) throws {
        let title = Self.title(graded)
        try writer.begin(title: title)
        for block in blocks(graded, title: title) { try writer.write(block) }
        try writer.end()
    }

    private func blocks(_ graded: GradedClass, title: String) -> [Block] {
        let students = graded.assignments.reduce(0) { $0 + $1.scores.count }
        let submitted = graded.assignments.reduce(0) { $0 + $1.scores.count(where: { $0 != nil }) }
        var blocks: [Block] = [.heading(level: 1, text: title)]
        let groups = graded.assignments
        var summary = "\(Wording.counted(students, "student")) with a key, \(submitted) with answers."
        if groups.count > 1 {
            summary += " Their keys ask \(groups.count) different things, so each is summed up on its own below."
        }
        summary += " A value counts as right when it is right from the lesson's numbers or, error carried forward, from the student's own earlier values."
        blocks.append(.paragraph(summary))
        if submitted == 0 {
            blocks.append(.paragraph("No student has answers in the answers folder, so nothing was graded: every score below is 0. Check the folder (each student's answers are <id>.json, <id>.csv or a folder <id>/) or wait for submissions."))
        }

        let notGraded = graded.notGraded
        if !notGraded.isEmpty {
            blocks.append(.heading(level: 2, text: "Not graded"))
            blocks.append(.paragraph("\(Wording.counted(notGraded.count, "entry", plural: "entries")) of the answers folder \(notGraded.count == 1 ? "was" : "were") not graded:"))
            blocks.append(.table(Table(header: ["file", "why"], rows: notGraded.map { [$0.file, $0.reason] })))
        }
        if !graded.unusable.isEmpty {
            blocks.append(.heading(level: 2, text: "Answers that could not be used"))
            blocks.append(.paragraph("These students' answers were found but could not be read; each scores 0 and is told why:"))
            blocks.append(.table(Table(header: ["student", "why"], rows: graded.unusable.map { [$0.student, $0.reason] })))
        }

        let mistakes = graded.mistakes
        blocks.append(.heading(level: 2, text: "What to revisit"))
        if mistakes.isEmpty {
            blocks.append(.paragraph("No wrong answer matched a known mistake."))
        } else {
            let top = mistakes.prefix(3).map { "\($0.name) (\(Wording.counted($0.students, "student")))" }
            blocks.append(.paragraph("The mistakes most students made: \(top.joined(separator: "; ")). Each row counts the students with at least one answer that the mistake, and no other, explains; where several mistakes explain the same answers equally, they share a row. Percentages are of the \(Wording.counted(submitted, "student")) with answers."))
            blocks.append(.table(Table(
                header: ["mistake", "students", "answers"],
                rows: mistakes.map { mistake in
                    [mistake.name, "\(mistake.students) (\(Self.percent(mistake.students, of: submitted)))", "\(mistake.answers)"]
                })))
            for mistake in mistakes where detail == .full {
                blocks.append(.paragraph("\(mistake.name) — \(mistake.explanation). For example, \(mistake.example)."))
            }
        }

        for assignment in groups {
            let level = groups.count > 1 ? 3 : 2
            if groups.count > 1 {
                blocks.append(.heading(level: 2, text: assignment.title))
            }
            blocks += scoreBlocks(of: assignment, level: level, named: groups.count == 1)
        }
        return blocks
    }

    /// The scores and each asked value's success rate of one assignment's students.
    private func scoreBlocks(of assignment: GradedClass.Assignment, level: Int, named: Bool) -> [Block] {
        let maximum = assignment.maximum
        let all = assignment.scores.map { $0 ?? 0 }
        let withAnswers = assignment.scores.compactMap { $0 }
        func mean(_ scores: [Int]) -> String {
            guard !scores.isEmpty else { return "—" }
            return NumberFormat.significant(Double(scores.reduce(0, +)) / Double(scores.count), digits: 3)
        }
        func median(_ scores: [Int]) -> String {
            let scores = scores.sorted()
            guard !scores.isEmpty else { return "—" }
            return NumberFormat.significant(Double(scores[(scores.count - 1) / 2] + scores[scores.count / 2]) / 2, digits: 3)
        }
        var blocks: [Block] = [.heading(level: level, text: "Scores")]
        blocks.append(.paragraph(
            (named ? "\(assignment.title): " : "")
                + "\(maximum) points each (one per asked value). "
                + "Over the \(Wording.counted(withAnswers.count, "student")) with answers: mean \(mean(withAnswers)), median \(median(withAnswers)). "
                + "Over all \(Wording.counted(all.count, "student")) with a key, counting no answers as 0: mean \(mean(all)), median \(median(all))."))
        // A bar per score, the longest 40 marks wide; "·" where no student scored it.
        let distribution = Self.distribution(of: all, maximum: maximum)
        let widest = max(1, distribution.max() ?? 1)
        blocks.append(.table(Table(
            header: ["score", "students", ""],
            rows: distribution.enumerated().reversed().map { points, count in
                let marks = count == 0 ? 0 : max(1, min(40, (count * 40 + widest / 2) / widest))
                return ["\(points) of \(maximum)", "\(count)", marks == 0 ? "·" : String(repeating: "■", count: marks)]
            })))

        guard detail == .full else { return blocks }
        blocks.append(.heading(level: level, text: "Each asked value"))
        blocks.append(.paragraph("How many of the \(Wording.counted(withAnswers.count, "student")) with answers had each value right (from the lesson's numbers, or from their own earlier values), wrong, or missing (a file that could not be read counts as missing)."))
        blocks.append(.table(Table(
            header: ["value", "right", "right from own values", "wrong", "missing", "right, both ways"],
            rows: assignment.quantities.map { q in
                [q.label, "\(q.right)", "\(q.rightCarriedForward)", "\(q.wrong)", "\(q.missing)",
                 Self.percent(q.right + q.rightCarriedForward, of: q.total)]
            })))
        return blocks
    }

    /// How many of `scores` are each number of points, from 0 to `maximum` (a score outside
    /// counts at the nearer end).
    static func distribution(of scores: [Int], maximum: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: maximum + 1)
        for score in scores { counts[min(max(score, 0), maximum)] += 1 }
        return counts
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : NumberFormat.significant(Double(part) / Double(whole) * 100, digits: 3) + " %"
    }
}
