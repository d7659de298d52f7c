import TraceEngine
import TraceRender

/// A whole class's grades summed up for the teacher: how the scores spread, how often each
/// asked value was right, and the known mistakes behind wrong answers, ranked by how many
/// students made them: what to revisit next lecture.
public struct ClassReport: Sendable {
    /// One student: their id and their graded submission, or `nil` when they sent none.
    public struct Student: Sendable {
        public var id: String
        public var report: GradeReport?

        public init(id: String, report: GradeReport?) {
            self.id = id
            self.report = report
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
    /// The points available: the most asked of any student.
    public let maximumScore: Int
    /// Answers found for no student with a key (a misspelt name?), which were not graded.
    public let unmatchedAnswers: [String]

    public init(students: [Student], unmatchedAnswers: [String] = []) {
        self.students = students.sorted { $0.id < $1.id }
        self.unmatchedAnswers = unmatchedAnswers.sorted()
        maximumScore = students.compactMap { $0.report?.maximumScore }.max() ?? 0
    }

    public func score(of student: Student) -> Int { student.report?.score ?? 0 }

    /// How many students scored each number of points, from 0 to the maximum.
    public var distribution: [Int] {
        var counts = [Int](repeating: 0, count: maximumScore + 1)
        for student in students { counts[min(score(of: student), maximumScore)] += 1 }
        return counts
    }

    /// Each asked value, in the order the keys ask them, with how it went.
    public var quantities: [QuantityCount] {
        var order: [String] = []
        var counts: [String: QuantityCount] = [:]
        for student in students {
            for value in student.report?.values ?? [] {
                let label = "\(value.asked.quantity.label) at t = \(value.asked.t)"
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
    public func blocks(title: String) -> [Block] {
        let submitted = students.filter { $0.report != nil }
        let scores = students.map(score(of:)).sorted()
        let mean = scores.isEmpty ? 0 : Double(scores.reduce(0, +)) / Double(scores.count)
        let median = scores.isEmpty ? 0 : Double(scores[(scores.count - 1) / 2] + scores[scores.count / 2]) / 2
        func percent(_ part: Int, of whole: Int) -> String {
            whole == 0 ? "—" : NumberFormat.significant(Double(part) / Double(whole) * 100, digits: 3) + " %"
        }
        var blocks: [Block] = [
            .heading(level: 1, text: title),
            .paragraph(
                "\(Wording.counted(students.count, "student")), \(submitted.count) with answers; \(maximumScore) points each. Mean score \(NumberFormat.significant(mean, digits: 3)), median \(NumberFormat.significant(median, digits: 3)). A value counts as right when it is right from the lesson's numbers or, error carried forward, from the student's own earlier values."),
        ]

        if !unmatchedAnswers.isEmpty {
            blocks.append(.paragraph("Not graded, since no key has their name: \(unmatchedAnswers.joined(separator: ", ")). Check the names against the key folder's."))
        }
        let mistakes = self.mistakes
        blocks.append(.heading(level: 2, text: "What to revisit"))
        if mistakes.isEmpty {
            blocks.append(.paragraph("No wrong answer matched a known mistake."))
        } else {
            let top = mistakes.prefix(3).map { "\(names($0)) (\(Wording.counted($0.students, "student")))" }
            blocks.append(.paragraph("The mistakes most students made: \(top.joined(separator: "; ")). Each row counts the students with at least one answer that the mistake, and no other, explains; where several mistakes explain the same answers equally, they share a row."))
            blocks.append(.table(Table(
                header: ["mistake", "students", "answers"],
                rows: mistakes.map { count in
                    [names(count), "\(count.students) (\(percent(count.students, of: students.count)))", "\(count.answers)"]
                })))
            for count in mistakes {
                let explanations = count.misconceptions.map(\.explanation).joined(separator: ". ")
                blocks.append(.paragraph("\(names(count)) — \(explanations). For example, \(count.example)."))
            }
        }

        blocks.append(.heading(level: 2, text: "Scores"))
        // A bar per score, the longest 40 marks wide; "·" where no student scored it.
        let distribution = self.distribution
        let widest = max(1, distribution.max() ?? 1)
        blocks.append(.table(Table(
            header: ["score", "students", ""],
            rows: distribution.enumerated().reversed().map { points, count in
                let marks = count == 0 ? 0 : max(1, Int((Double(count) * 40 / Double(widest)).rounded()))
                return ["\(points) of \(maximumScore)", "\(count)", marks == 0 ? "·" : String(repeating: "■", count: marks)]
            })))

        blocks.append(.heading(level: 2, text: "Each asked value"))
        blocks.append(.paragraph("How many of the \(Wording.counted(submitted.count, "student")) with answers had each value right (from the lesson's numbers, or from their own earlier values), wrong, or missing (a file that could not be read counts as missing)."))
        blocks.append(.table(Table(
            header: ["value", "right", "right from own values", "wrong", "missing", "right, both ways"],
            rows: quantities.map { q in
                [q.label, "\(q.right)", "\(q.rightCarriedForward)", "\(q.wrong)", "\(q.missing)",
                 percent(q.right + q.rightCarriedForward, of: q.total)]
            })))
        return blocks
    }

    private func names(_ count: MistakeCount) -> String {
        count.misconceptions.map(\.name).joined(separator: " or ")
    }

    /// One row per student: `student,score,maximum,submitted,mistakes`.
    public var scoresCSV: String {
        var text = "student,score,maximum,submitted,mistakes\n"
        for student in students {
            let ids = Set((student.report?.values ?? []).flatMap { $0.mistakes.map(\.misconception.id) }).sorted()
            text += [CSVField.quoted(student.id), "\(score(of: student))", "\(maximumScore)",
                     student.report == nil ? "no" : "yes", CSVField.quoted(ids.joined(separator: " "))].joined(separator: ",") + "\n"
        }
        return text
    }
}
