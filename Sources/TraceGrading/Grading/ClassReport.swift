import TraceEngine
import TraceRender

/// A whole class's grades counted for the teacher: how the scores spread, how often each
/// asked value was right, the known mistakes behind wrong answers, ranked by how many
/// students made them (what to revisit next lecture), and every answers file that was not
/// graded, with the reason. ``gradedClass`` is what TraceRender's `ClassReportBuilder` writes.
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
    public typealias NotGraded = GradedClass.NotGraded

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
    public typealias QuantityCount = GradedClass.QuantityCount

    public let students: [Student]
    /// Entries of the answers folder that were not graded.
    public let notGraded: [NotGraded]
    /// The lessons the keys are of (``lesson(of:)``), in the students' order, each once.
    public let lessons: [String]

    public init(students: [Student], notGraded: [NotGraded] = [], lessons: [String] = []) {
        self.students = students.sorted { $0.id < $1.id }
        self.notGraded = notGraded.sorted { $0.file < $1.file }
        self.lessons = lessons
    }

    /// The lesson `key` is of, as the report's title names it:
    /// `Adam, bias correction in the first steps (Adam, lecture convention)`.
    public static func lesson(of key: AnswerKey) -> String {
        "\(key.experiment.title) (\(key.experiment.optimizer.displayName), \(key.experiment.convention.displayName) convention)"
    }

    public func score(of student: Student) -> Int { student.report?.score ?? 0 }

    /// The assignments, each with its students.
    public var assignments: [(assignment: Assignment, students: [Student])] {
        Dictionary(grouping: students, by: \.assignment).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
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

    /// The class as its report shows it (``ClassReportBuilder``).
    public var gradedClass: GradedClass {
        GradedClass(
            lessons: lessons,
            assignments: assignments.map { assignment, students in
                GradedClass.Assignment(
                    title: assignment.title, maximum: assignment.maximum, scores: students.map { $0.report?.score },
                    quantities: Self.quantities(of: students))
            },
            notGraded: notGraded,
            unusable: students.compactMap { student in student.report?.fileProblem.map { (student.id, $0) } },
            mistakes: mistakes.map { count in
                GradedClass.Mistake(
                    name: count.misconceptions.map(\.name).joined(separator: " or "),
                    explanation: count.misconceptions.map(\.explanation).joined(separator: ". "),
                    students: count.students, answers: count.answers, example: count.example)
            })
    }

    /// The gradebook's import file: each student's score, under the lessons' names.
    public func gradebookCSV(_ gradebook: Gradebook) -> String {
        let rows = students.map { GradebookRow(id: $0.id, score: $0.report?.score, maximum: $0.assignment.maximum) }
        return GradebookExport.csv(gradebook, rows: rows, assignment: "trace homework: " + lessons.joined(separator: "; "))
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
