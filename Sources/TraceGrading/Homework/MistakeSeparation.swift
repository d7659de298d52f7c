import TraceEngine
import TraceLessons

/// Whether a drawn variant tells the catalogued mistakes apart, so that every wrong answer
/// points at one mistake.
///
/// For each mistake of ``MisconceptionCatalog`` that can happen in the homework, the sheet of
/// a student who makes that mistake and no other (every asked value as that student computes
/// it, from their own earlier values, to the last digit) is graded and diagnosed as
/// `trace grade` grades a file, trying at each wrong answer the mistakes whose own formula
/// gives that value (a mistake in the value's formula: σ′(a) in a δ, η·η in a `w_new`, not
/// one that reaches a later g through the weights an earlier update moved). A draw is made
/// again when, for some asked value,
///
/// - **two mistakes coincide**: a wrong answer of one mistake's sheet is within the tolerance
///   of what another mistake's own formula gives there (feedback would say "one of these",
///   or name the other mistake); or
/// - **a mistake of the chain rule hides**: its sheet is right at a z, a, δ or loss whose
///   formula it changes (within the tolerance of the right value: σ′(a) ≈ σ′(z) where
///   |a| ≈ |z|, W untransposed with a symmetric W), where the same sheet on the lesson's own
///   numbers shows it.
///
/// Both are measured against the lesson's own numbers: a coincidence the lesson itself has
/// (with only `w_new` asked, δ's sign flipped and the update's sign flipped both give
/// `w + η·g`) is the lesson's, which no draw can undo, and is kept; a mistake the lesson's
/// numbers hide at a value is not asked of its draws there. Hiding is checked for the chain
/// rule's mistakes in the passes only: an optimizer's mistake that hides within the
/// tolerance by the size of a hyperparameter (ε's place with ε = 1e-8, AdamW's decay on the
/// new weight, η applied twice at η = 1) hides in most draws of such a lesson, and rejecting
/// those would reject nearly all (`docs/misconceptions.md` says where each one hides).
struct MistakeSeparation {
    let asked: [AskedValue]
    let given: [AskedValue]
    /// What every draw's sheets share: worked out once, from the lesson's experiment.
    let setup: SeparationSetup

    init(asked: [AskedValue], given: [AskedValue], tolerances: [Symbol: GradingSettings.Tolerance], lesson: Experiment) {
        self.asked = asked
        self.given = given
        setup = SeparationSetup(lesson, asked: asked, tolerances: tolerances)
    }

    /// One mistake's sheet, graded: for each asked value, `nil` where it is right (or was not
    /// written: no finite number), else the ids of the mistakes whose own formula gives it.
    struct Sheet: Sendable {
        var id: String
        var named: [Set<String>?]
    }

    /// The graded sheet of each catalogued mistake that can happen in `experiment` (the
    /// lesson's or a draw of it: the shape ``setup`` was worked out for), whose plain run is `run`.
    ///
    /// Graded as ``Grader`` and ``Diagnoser`` grade, with what a sheet of exact values needs
    /// only: an answer is wrong when it is within its tolerance neither of the key's value nor
    /// of the right formula's from the student's own earlier answers (every answer is carried
    /// forward); a mistake gives it when its own formula's replay on those answers comes within
    /// the tolerance, but none gives a 0 or a weight left as it was (no attempt at a formula,
    /// for grading). ``FollowThroughRule``'s other shortcuts do not arise in such a sheet but by
    /// coincidence, and `MistakeSeparationTests` grades the sheets again with the grader itself.
    ///
    /// `stop` is asked after each sheet whether to go on (a draw already found wanting).
    func sheets(of experiment: Experiment, run: RecordingSink, stoppingAfter stop: (Sheet) -> Bool = { _ in false }) -> [Sheet] {
        let layout = setup.layout, indices = setup.indices, tolerance = setup.tolerance
        let mistakes = setup.mistakes, ownFormulas = setup.ownFormulas
        func value(_ n: Int, in sink: RecordingSink, computed: Bool) -> Double? {
            if let place = asked[n].place { return place.value(in: sink, at: asked[n].t, computed: computed) }
            guard let index = indices[n] else { return nil }
            return computed ? sink.computed(asked[n].quantity, at: asked[n].t, parameter: index)
                : sink.recorded(asked[n].quantity, at: asked[n].t, parameter: index)
        }
        let keyValues = asked.indices.map { value($0, in: run, computed: false) ?? .nan }
        var start = Replacements()
        for value in given {
            guard let index = layout.index(named: value.parameter), let number = run.recorded(value.quantity, at: value.t, parameter: index)
            else { continue }
            start.replace(value.quantity, at: value.t, parameter: index, with: number)
        }
        // A replay of an experiment that cannot run records nothing.
        let runs = experiment.problems().isEmpty
        /// The right formulas (`k` nil) or mistake `k`'s, replayed on `replacements`.
        func replay(_ k: Int?, on replacements: Replacements) -> RecordingSink {
            var sink = RecordingSink()
            sink.keepsSamples = setup.readsSamples
            guard runs, let prepared = setup.replays else { return sink }
            var experiment = experiment
            experiment.chainRule = k.map { mistakes[$0].run.chainRule } ?? .standard
            _ = try? Engine.run(experiment, prepared: k.map { prepared.mistaken[$0] } ?? prepared.right, replacing: replacements, into: &sink)
            return sink
        }
        let initialParameters = experiment.initialParameters
        var sheets: [Sheet] = []
        for (k, (misconception, mistaken)) in mistakes.enumerated() {
            var replacements = start
            if mistaken.othersKeepStartingWeights {
                guard let frozen = othersAtStart(experiment, from: start) else { continue }
                replacements = frozen
            }
            let own = replay(k, on: replacements)
            let numbers = asked.indices.map { value($0, in: own, computed: false).flatMap { $0.isFinite ? $0 : nil } }
            // A sheet within the tolerance of the key everywhere is right everywhere.
            if asked.indices.allSatisfy({ n in numbers[n].map { tolerance[n].accepts($0, expected: keyValues[n]) } ?? true }) {
                sheets.append(Sheet(id: misconception.id, named: asked.map { _ in nil }))
                if stop(sheets[sheets.count - 1]) { break }
                continue
            }
            // The student's answers carried forward, as grading carries them.
            var answers = start
            for n in asked.indices {
                guard let number = numbers[n] else { continue }
                if let place = asked[n].place {
                    answers.replace(place, at: asked[n].t, with: number)
                } else if let index = indices[n] {
                    answers.replace(asked[n].quantity, at: asked[n].t, parameter: index, with: number)
                }
            }
            let right = replay(nil, on: answers)
            var candidateReplays: [Int: RecordingSink] = [:]
            let named = asked.indices.map { n -> Set<String>? in
                guard let number = numbers[n], !tolerance[n].accepts(number, expected: keyValues[n]),
                    !(value(n, in: right, computed: true).map { tolerance[n].accepts(number, expected: $0) } ?? false)
                else { return nil }
                // A 0, or a weight left as it was, is no attempt at a formula: grading names no
                // mistake for it (see Grader), so the mistake is not seen there.
                if number == 0 { return [] }
                if asked[n].quantity == .wNew, let index = indices[n],
                    [own.recorded(.w, at: asked[n].t, parameter: index), initialParameters[safe: index]].contains(number)
                {
                    return []
                }
                var names: Set<String> = []
                for c in ownFormulas[n] {
                    let candidate = mistakes[c].misconception
                    // The sheet's own mistake gives its answers: they are its replay's values.
                    if candidate.id == misconception.id {
                        names.insert(candidate.id)
                        continue
                    }
                    let sink = candidateReplays[c] ?? replay(c, on: answers)
                    candidateReplays[c] = sink
                    if let candidateValue = value(n, in: sink, computed: true), tolerance[n].accepts(number, expected: candidateValue) {
                        names.insert(candidate.id)
                    }
                }
                return names
            }
            sheets.append(Sheet(id: misconception.id, named: named))
            if stop(sheets[sheets.count - 1]) { break }
        }
        return sheets
    }

    /// Replacements that keep every parameter not asked about at its starting weight from
    /// update 2 on (a student who carries only the asked ones); `nil` where that cannot be a
    /// mistake: one update, every parameter asked, or values given.
    private func othersAtStart(_ experiment: Experiment, from start: Replacements) -> Replacements? {
        guard given.isEmpty, experiment.steps >= 2 else { return nil }
        let askedIndices = Set(asked.compactMap { setup.layout.index(named: $0.parameter) })
        let others = (0..<setup.layout.count).filter { !askedIndices.contains($0) }
        guard !others.isEmpty else { return nil }
        let weights = experiment.initialParameters
        var replacements = start
        for t in 2...experiment.steps {
            for index in others where weights.indices.contains(index) {
                replacements.replace(.w, at: t, parameter: index, with: weights[index])
            }
        }
        return replacements
    }

    /// What each mistake's sheet names on the lesson's own numbers, by the mistake's id: what
    /// a draw's sheets are measured against.
    typealias LessonSheets = [String: [Set<String>?]]

    /// `sheets` by id (the first of an id, should one come twice).
    static func byID(_ sheets: [Sheet]) -> LessonSheets {
        Dictionary(sheets.map { ($0.id, $0.named) }, uniquingKeysWith: { first, _ in first })
    }

    /// Why the draw `experiment` (its plain run `run`) does not tell its mistakes apart,
    /// measured against the same sheets on the lesson's own numbers (`lesson`); `nil` when it
    /// does. Stops at the first sheet that shows a problem.
    func problem(of experiment: Experiment, run: RecordingSink, lesson: LessonSheets) -> DrawProblem? {
        var found: DrawProblem?
        _ = sheets(of: experiment, run: run) { sheet in
            found = problem(drawn: [sheet], lesson: lesson)
            return found != nil
        }
        return found
    }

    /// Why the draw whose sheets are `drawn` does not tell its mistakes apart, measured against
    /// the same sheets on the lesson's own numbers (`lesson`); `nil` when it does.
    func problem(drawn: [Sheet], lesson onLesson: LessonSheets) -> DrawProblem? {
        for sheet in drawn {
            let own = onLesson[sheet.id]
            for (n, named) in sheet.named.enumerated() {
                let lessonNamed = own.flatMap { $0.indices.contains(n) ? $0[n] : nil }
                if let named, let other = named.lazy.filter({ $0 != sheet.id && lessonNamed?.contains($0) != true }).min() {
                    return DrawProblem(
                        reason: .mistakesCoincide,
                        text: "the mistakes \(sheet.id) and \(other) give the same \(asked[n].description)",
                        mistakes: [sheet.id, other])
                }
                if asked[n].place != nil, lessonNamed?.contains(sheet.id) == true, named?.contains(sheet.id) != true {
                    return DrawProblem(
                        reason: .mistakeHidden,
                        text: "the mistake \(sheet.id) cannot be seen in \(asked[n].description) (the lesson's own numbers show it)",
                        mistakes: [sheet.id])
                }
            }
        }
        return nil
    }
}
