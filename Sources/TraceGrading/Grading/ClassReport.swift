import TraceEngine
import TraceRender

/// A whole class's grades summed up for the teacher: how the scores spread, how often each
/// asked value was right, the known mistakes behind wrong answers, ranked by how many
/// students made them (what to revisit next lecture), and every answers file that was not
/// graded, with the reason.
///
/// Students whose keys ask different things (another optimizer, another set of values) are
/// summed up in a table of their own, one per ``Assignment``.
public struct ClassReport: Sendable {
    /// What a key asks: its optimizer, convention and asked values. Students with the same
    /// assignment share a score table.
    public struct Assignment: Sendable, Hashable, Comparable {
        /// `Adam, lecture convention: g, m, v, m̂, v̂, w_new of W2[1,1] at t = 1 to 3`.
        public var title: String
        /// The points it is worth: one per asked value.
        public var maximum: Int

        public init(title: String, maximum: Int) {
            self.title = title
            self.maximum = maximum
        }

        /// The assignment of `key`.
        public init(key: AnswerKey) {
            let experiment = key.experiment
            var quantities: [String] = [], parameters: [String] = []
            for asked in key.asked {
                // A value of the passes counts under its kind (z, a, δ, L), not its unit.
                let label = asked.place.map { $0.quantity == .delta ? "δ" : $0.quantity == .loss ? "L" : $0.quantity.rawValue } ?? asked.quantity.label
                if !quantities.contains(label) { quantities.append(label) }
                if asked.place == nil, !parameters.contains(asked.parameter) { parameters.append(asked.parameter) }
            }
            if parameters.isEmpty { parameters = ["the samples' passes"] }
            let steps = Set(key.asked.map(\.t)).sorted()
            let range = steps.count == 1 ? "t = \(steps[0])" : "t = \(steps.first ?? 1) to \(steps.last ?? 1)"
            let contiguous = steps.count == (steps.last ?? 0) - (steps.first ?? 0) + 1
            var given: [String] = []
            for (value, _) in key.given where !given.contains(value.quantity.label) { given.append(value.quantity.label) }
            self.init(
                title: "\(experiment.optimizer.displayName), \(experiment.convention.displayName) convention: "
                    + "\(quantities.joined(separator: ", ")) of \(parameters.joined(separator: ", ")) at "
                    + (contiguous ? range : "t = " + steps.map(String.init).joined(separator: ", "))
                    + (given.isEmpty ? "" : " (\(given.joined(separator: ", ")) given)"),
                maximum: key.asked.count)
        }

        public static func < (a: Assignment, b: Assignment) -> Bool { (a.title, a.maximum) < (b.title, b.maximum) }
    }

    /// One student: their id, what their key asks, and their graded submission, or `nil`
    /// when they sent none.
    public struct Student: Sendable {
        public var id: String
        public var assignment: Assignment
        public var report: GradeReport?

        public init(id: String, assignment: Assignment, report: GradeReport?) {
            self.id = id
            self.assignment = assignment
            self.report = report
        }
    }

    /// An entry of the answers folder that was not graded, and why.
    public struct NotGraded: Sendable, Equatable {
        public var file: String
        /// Why, as a sentence without its full stop.
        public var reason: String

        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }
    }

    /// A known mistake, or a set of them that explained the same answers equally.
    public struct MistakeCount: Sendable {
        /// One misconception, or several when no answer told them apart.
        public var misconceptions: [Misconception]
        /// Students with at least one answer it explains.
        public var students: Int
        /// Answers it explains, over all students.
        public var answers: Int
        /// One such answer's working, for the table.
        public var example: String
    }

    /// How one asked value (`m̂ at t = 2`) went across the class.
    public struct QuantityCount: Sendable {
        public var label: String
        public var right = 0
        public var rightCarriedForward = 0
        public var wrong = 0
        public var missing = 0
        public var total: Int { right + rightCarriedForward + wrong + missing }
    }

    public let students: [Student]
    /// Entries of the answers folder that were not graded.
    public let notGraded: [NotGraded]

    public init(students: [Student], notGraded: [NotGraded] = []) {
        self.students = students.sorted { $0.id < $1.id }
        self.notGraded = notGraded.sorted { $0.file < $1.file }
    }

    public func score(of student: Student) -> Int { student.report?.score ?? 0 }

    /// The assignments, each with its students.
    public var assignments: [(assignment: Assignment, students: [Student])] {
        Dictionary(grouping: students, by: \.assignment).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// How many of `students` scored each number of points, from 0 to `maximum`.
    public static func distribution(of students: [Student], maximum: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: maximum + 1)
        for student in students { counts[min(max(student.report?.score ?? 0, 0), maximum)] += 1 }
        return counts
    }

    /// Each asked value of `students`, in the order their keys ask them, with how it went.
    public static func quantities(of students: [Student]) -> [QuantityCount] {
        var order: [String] = []
        var counts: [String: QuantityCount] = [:]
        for student in students {
            for value in student.report?.values ?? [] {
                let label = value.asked.place != nil ? value.asked.description : "\(value.asked.quantity.label) at t = \(value.asked.t)"
                if counts[label] == nil {
                    order.append(label)
                    counts[label] = QuantityCount(label: label)
                }
                switch value.verdict {
                case .rightByKey: counts[label]?.right += 1
                case .rightCarriedForward: counts[label]?.rightCarriedForward += 1
                case .wrong: counts[label]?.wrong += 1
                case .missing, .unusable: counts[label]?.missing += 1
                }
            }
        }
        return order.compactMap { counts[$0] }
    }

    /// The known mistakes found, most students first (then most answers, then by name).
    public var mistakes: [MistakeCount] {
        var found: [String: MistakeCount] = [:]
        for student in students {
            var seen: Set<String> = []
            for value in student.report?.values ?? [] where !value.mistakes.isEmpty {
                let key = value.mistakes.map(\.misconception.id).joined(separator: "|")
                if found[key] == nil {
                    found[key] = MistakeCount(
                        misconceptions: value.mistakes.map(\.misconception), students: 0, answers: 0,
                        example: "\(value.asked.description): \(value.mistakes.map(\.working).joined(separator: " or "))")
                }
                found[key]?.answers += 1
                if seen.insert(key).inserted { found[key]?.students += 1 }
            }
        }
        return found.values.sorted {
            ($0.students, $0.answers, $1.misconceptions.map(\.id).joined()) > ($1.students, $1.answers, $0.misconceptions.map(\.id).joined())
        }
    }

    /// The report as document blocks (Markdown and HTML are written from the same blocks).
    /// `summary` leaves out each mistake's explanation and the table of every asked value.
    public func blocks(title: String, detail: Detail = .full) -> [Block] {
        let submitted = students.filter { $0.report != nil }
        var blocks: [Block] = [.heading(level: 1, text: title)]
        let groups = assignments
        var summary = "\(Wording.counted(students.count, "student")) with a key, \(submitted.count) with answers."
        if groups.count > 1 {
            summary += " Their keys ask \(groups.count) different things, so each is summed up on its own below."
        }
        summary += " A value counts as right when it is right from the lesson's numbers or, error carried forward, from the student's own earlier values."
        blocks.append(.paragraph(summary))
        if submitted.isEmpty {
            blocks.append(.paragraph("No student has answers in the answers folder, so nothing was graded: every score below is 0. Check the folder (each student's answers are <id>.json, <id>.csv or a folder <id>/) or wait for submissions."))
        }

        if !notGraded.isEmpty {
            blocks.append(.heading(level: 2, text: "Not graded"))
            blocks.append(.paragraph("\(Wording.counted(notGraded.count, "entry", plural: "entries")) of the answers folder \(notGraded.count == 1 ? "was" : "were") not graded:"))
            blocks.append(.table(Table(header: ["file", "why"], rows: notGraded.map { [$0.file, $0.reason] })))
        }
        let unusable = submitted.compactMap { student in student.report?.fileProblem.map { [student.id, $0] } }
        if !unusable.isEmpty {
            blocks.append(.heading(level: 2, text: "Answers that could not be used"))
            blocks.append(.paragraph("These students' answers were found but could not be read; each scores 0 and is told why:"))
            blocks.append(.table(Table(header: ["student", "why"], rows: unusable)))
        }

        let mistakes = self.mistakes
        blocks.append(.heading(level: 2, text: "What to revisit"))
        if mistakes.isEmpty {
            blocks.append(.paragraph("No wrong answer matched a known mistake."))
        } else {
            let top = mistakes.prefix(3).map { "\(names($0)) (\(Wording.counted($0.students, "student")))" }
            blocks.append(.paragraph("The mistakes most students made: \(top.joined(separator: "; ")). Each row counts the students with at least one answer that the mistake, and no other, explains; where several mistakes explain the same answers equally, they share a row. Percentages are of the \(Wording.counted(submitted.count, "student")) with answers."))
            blocks.append(.table(Table(
                header: ["mistake", "students", "answers"],
                rows: mistakes.map { count in
                    [names(count), "\(count.students) (\(Self.percent(count.students, of: submitted.count)))", "\(count.answers)"]
                })))
            for count in mistakes where detail == .full {
                let explanations = count.misconceptions.map(\.explanation).joined(separator: ". ")
                blocks.append(.paragraph("\(names(count)) — \(explanations). For example, \(count.example)."))
            }
        }

        for (assignment, group) in groups {
            let level = groups.count > 1 ? 3 : 2
            if groups.count > 1 {
                blocks.append(.heading(level: 2, text: assignment.title))
            }
            blocks += Self.scoreBlocks(of: group, assignment: assignment, level: level, named: groups.count == 1, detail: detail)
        }
        return blocks
    }

    /// The scores and each asked value's success rate of one assignment's students.
    private static func scoreBlocks(of group: [Student], assignment: Assignment, level: Int, named: Bool, detail: Detail) -> [Block] {
        let maximum = assignment.maximum
        let withAnswers = group.filter { $0.report != nil }
        func mean(_ students: [Student]) -> String {
            guard !students.isEmpty else { return "—" }
            let total = students.reduce(0) { $0 + ($1.report?.score ?? 0) }
            return NumberFormat.significant(Double(total) / Double(students.count), digits: 3)
        }
        func median(_ students: [Student]) -> String {
            let scores = students.map { $0.report?.score ?? 0 }.sorted()
            guard !scores.isEmpty else { return "—" }
            return NumberFormat.significant(Double(scores[(scores.count - 1) / 2] + scores[scores.count / 2]) / 2, digits: 3)
        }
        var blocks: [Block] = [.heading(level: level, text: "Scores")]
        blocks.append(.paragraph(
            (named ? "\(assignment.title): " : "")
                + "\(maximum) points each (one per asked value). "
                + "Over the \(Wording.counted(withAnswers.count, "student")) with answers: mean \(mean(withAnswers)), median \(median(withAnswers)). "
                + "Over all \(Wording.counted(group.count, "student")) with a key, counting no answers as 0: mean \(mean(group)), median \(median(group))."))
        // A bar per score, the longest 40 marks wide; "·" where no student scored it.
        let distribution = Self.distribution(of: group, maximum: maximum)
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
            rows: quantities(of: group).map { q in
                [q.label, "\(q.right)", "\(q.rightCarriedForward)", "\(q.wrong)", "\(q.missing)",
                 percent(q.right + q.rightCarriedForward, of: q.total)]
            })))
        return blocks
    }

    private static func percent(_ part: Int, of whole: Int) -> String {
        whole == 0 ? "—" : NumberFormat.significant(Double(part) / Double(whole) * 100, digits: 3) + " %"
    }

    private func names(_ count: MistakeCount) -> String {
        count.misconceptions.map(\.name).joined(separator: " or ")
    }

    /// One row per student: `student,score,maximum,submitted,mistakes`.
    public var scoresCSV: String {
        var text = "student,score,maximum,submitted,mistakes\n"
        for student in students {
            let ids = Set((student.report?.values ?? []).flatMap { $0.mistakes.map(\.misconception.id) }).sorted()
            text += [CSVField.quoted(student.id), "\(score(of: student))", "\(student.assignment.maximum)",
                     student.report == nil ? "no" : "yes", CSVField.quoted(ids.joined(separator: " "))].joined(separator: ",") + "\n"
        }
        return text
    }
}
