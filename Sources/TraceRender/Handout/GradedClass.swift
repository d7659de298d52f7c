/// A graded class as the teacher's report shows it (``ClassReportBuilder``): who was graded,
/// how each assignment's students scored, how each asked value went, and the known mistakes
/// behind wrong answers, already counted (TraceGrading's `ClassReport` counts them).
public struct GradedClass: Sendable {
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

    /// How one asked value (`m̂ at t = 2`) went across the class.
    public struct QuantityCount: Sendable {
        public var label: String
        public var right = 0
        public var rightCarriedForward = 0
        public var wrong = 0
        public var missing = 0
        public var total: Int { right + rightCarriedForward + wrong + missing }

        public init(label: String) {
            self.label = label
        }
    }

    /// A known mistake, or several that explained the same answers equally.
    public struct Mistake: Sendable {
        /// Its name, or theirs joined by "or".
        public var name: String
        /// What it is, in sentences (without the last full stop).
        public var explanation: String
        /// Students with at least one answer it explains.
        public var students: Int
        /// Answers it explains, over all students.
        public var answers: Int
        /// One such answer's working.
        public var example: String

        public init(name: String, explanation: String, students: Int, answers: Int, example: String) {
            self.name = name
            self.explanation = explanation
            self.students = students
            self.answers = answers
            self.example = example
        }
    }

    /// The students whose keys ask the same things, summed up together.
    public struct Assignment: Sendable {
        /// `Adam, lecture convention: g, m, v, m̂, v̂, w_new of W2[1,1] at t = 1 to 3`.
        public var title: String
        /// The points it is worth: one per asked value.
        public var maximum: Int
        /// Each student's score, `nil` for one who sent no answers.
        public var scores: [Int?]
        /// Each asked value, in the order the keys ask them.
        public var quantities: [QuantityCount]

        public init(title: String, maximum: Int, scores: [Int?], quantities: [QuantityCount]) {
            self.title = title
            self.maximum = maximum
            self.scores = scores
            self.quantities = quantities
        }
    }

    /// The lessons the keys are of, as the title names them.
    public var lessons: [String]
    public var assignments: [Assignment]
    public var notGraded: [NotGraded]
    /// Students whose answers were found but could not be read, and why.
    public var unusable: [(student: String, reason: String)]
    /// Most students first.
    public var mistakes: [Mistake]

    public init(
        lessons: [String], assignments: [Assignment], notGraded: [NotGraded] = [],
        unusable: [(student: String, reason: String)] = [], mistakes: [Mistake] = []
    ) {
        self.lessons = lessons
        self.assignments = assignments
        self.notGraded = notGraded
        self.unusable = unusable
        self.mistakes = mistakes
    }
}
