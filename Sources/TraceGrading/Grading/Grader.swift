import TraceEngine
import TraceLessons

/// Grades a student's answers against a key, with error carried forward.
///
/// With carry-forward (the default), each asked value is also computed from its formula
/// applied to the student's own earlier answers: the run is replayed with their numbers in
/// place of the computed ones (their `w` and `w_new` change the weights the forward and
/// backward passes run at, their state values what the next equations read). An answer is
/// right when it is within tolerance of that value or of the key's, so one early slip
/// costs one mark. Only answers to asked values are used this way: a value nobody asked
/// for cannot steer the grading.
public struct Grader: Sendable {
    public var key: AnswerKey
    public var carryForward = true
    /// The command line's tolerances, over the key's for every quantity.
    public var relativeTolerance: Double?
    public var absoluteTolerance: Double?

    public init(key: AnswerKey) {
        self.key = key
    }

    public func tolerance(for quantity: Symbol) -> GradingSettings.Tolerance {
        var tolerance = key.tolerance(for: quantity)
        if let relativeTolerance { tolerance.rtol = relativeTolerance }
        if let absoluteTolerance { tolerance.atol = absoluteTolerance }
        return tolerance
    }

    public func grade(_ sheet: AnswerSheet) -> GradeReport {
        let matched = AnswerMatcher.match(sheet, to: key)
        let layout = key.experiment.layout

        // Values the worksheet gave are the key's, whatever the student wrote.
        var answered = key.givenReplacements
        for (asked, answer) in zip(key.asked, matched.answers) {
            guard case let .number(value)? = answer?.value, let index = layout.index(named: asked.parameter) else { continue }
            answered.replace(asked.quantity, at: asked.t, parameter: index, with: value)
        }
        let replacements = carryForward ? answered : Replacements()
        // The key's experiment was checked when the key was read (it runs and gives the key's
        // values), so the replay cannot fail; a student's values may only make it diverge.
        var replay = RecordingSink()
        _ = try? Engine.run(key.experiment, replacing: replacements, into: &replay)
        let feedback = FeedbackFormulas(replay: replay, experiment: key.experiment)

        var values: [GradedValue] = []
        for (n, asked) in key.asked.enumerated() {
            let answer = matched.answers[n]
            let index = layout.index(named: asked.parameter) ?? 0  // the key reader checked every name
            var carried: Double?
            if carryForward, let value = replay.computed(asked.quantity, at: asked.t, parameter: index), value.isFinite {
                carried = value
            }
            var (working, formula) = feedback.working(for: asked, parameter: index)
            if carryForward, carried == nil {
                // The student's values make this value not finite, or stop the run before it.
                working = "\(formula), which with the lesson's values is \(FeedbackText.number(key.values[n])) (from your own earlier values it is not a finite number)"
            }
            let tolerance = tolerance(for: asked.quantity)
            var graded = GradedValue(
                asked: asked, verdict: .missing, answer: nil, location: answer?.location, keyValue: key.values[n],
                tolerance: tolerance, carriedForward: carried, working: working, formula: formula)
            switch answer?.value {
            case nil, .blank?:
                graded.verdict = .missing
            case let .unusable(reason)?:
                graded.verdict = .unusable(reason)
            case let .number(value)?:
                graded.answer = value
                if tolerance.accepts(value, expected: key.values[n]) {
                    graded.verdict = .rightByKey
                } else if let carried, tolerance.accepts(value, expected: carried) {
                    graded.verdict = .rightCarriedForward
                } else {
                    graded.verdict = .wrong
                }
            }
            values.append(graded)
        }
        // Mistakes are recognised on the student's own earlier values, with or without carry-forward.
        // With carry-forward the replay above already ran the right formulas on the answers.
        Diagnoser(key: key, replacements: answered, rightReplay: carryForward ? replay : nil).diagnose(&values)
        return GradeReport(
            values: values, fileProblem: sheet.fileProblem, notes: sheet.notes + matched.notes, carryForward: carryForward)
    }
}
