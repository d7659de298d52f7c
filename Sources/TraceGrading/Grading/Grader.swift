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
/// for cannot steer the grading. ``FollowThroughRule`` keeps shortcuts (zeros, copied
/// values) out of the replay and denies credit to steps the student's values make trivial.
public struct Grader: Sendable {
    public var key: AnswerKey
    public var carryForward = true
    /// The command line's tolerances, over the key's for every quantity.
    public var relativeTolerance: Double?
    public var absoluteTolerance: Double?
    /// Whether each value's working and a diagnosis's formula are written out (feedback);
    /// without, they are empty: for a check that reads only verdicts and the mistakes named
    /// (``MistakeSeparation``'s, graded again through the grader in its test).
    var writesFeedback = true
    /// Which mistakes diagnosis tries at a wrong answer (``Diagnoser/Scope``).
    var diagnosisScope = Diagnoser.Scope.everyMistake

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
        grade(sheet, plainRun: nil)
    }

    /// Grades `sheet`; `plainRun` is the key's experiment run without answers, when the caller
    /// has it (it grades many sheets of one key), else it is run here.
    func grade(_ sheet: AnswerSheet, plainRun: RecordingSink?) -> GradeReport {
        let matched = AnswerMatcher.match(sheet, to: key)
        let layout = key.experiment.layout
        let indices = key.asked.map { layout.index(named: $0.parameter) ?? 0 }  // the key reader checked every name
        let numbers: [Double?] = matched.answers.map { entry in
            if case let .number(value)? = entry?.value { value } else { nil }
        }
        let plain = plainRun ?? Self.replay(key.experiment, with: Replacements())
        let (bases, shortcuts, copies) = believedAnswers(numbers, indices: indices, plain: plain)
        let replay = carryForward ? Self.replay(key.experiment, with: bases) : plain
        let feedback = FeedbackFormulas(replay: replay, experiment: key.experiment)
        let writesFeedback = self.writesFeedback

        var values: [GradedValue] = []
        for (n, asked) in key.asked.enumerated() {
            let answer = matched.answers[n], index = indices[n]
            var carried: Double?
            if let place = asked.place {
                if carryForward, let value = place.value(in: replay, at: asked.t, computed: true), value.isFinite { carried = value }
            } else if carryForward, let value = replay.computed(asked.quantity, at: asked.t, parameter: index), value.isFinite {
                carried = value
            }
            var (working, formula) = !writesFeedback ? ("", "")
                : asked.place.map { feedback.working(for: $0, at: asked.t) } ?? feedback.working(for: asked, parameter: index)
            if carryForward, carried == nil, writesFeedback {
                // The student's values make this value not finite, or stop the run before it.
                working = "\(formula), which with the lesson's values is \(FeedbackText.number(key.values[n])) (from your own earlier values it is not a finite number)"
            }
            let tolerance = tolerance(for: asked.quantity)
            var graded = GradedValue(
                asked: asked, verdict: .missing, answer: nil, location: answer?.location, keyValue: key.values[n],
                tolerance: tolerance, carriedForward: carried, working: working, formula: formula)
            graded.shortcut = shortcuts[n]
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
                    let followThrough = FollowThroughRule(tolerance: tolerance)
                    let isParameterValue = asked.place == nil
                    graded.trivialStep = followThrough.trivialStep(
                        carried, key: key.values[n],
                        before: isParameterValue ? followThrough.before(asked.quantity, in: replay.steps[safe: asked.t - 1], parameter: index) : nil,
                        keyBefore: isParameterValue ? followThrough.before(asked.quantity, in: plain.steps[safe: asked.t - 1], parameter: index) : nil)
                    if graded.trivialStep == nil, let place = asked.place, place.quantity == .a,
                        let layer = key.experiment.network.layers[safe: place.layer - 1]
                    {
                        graded.trivialStep = followThrough.saturation(carried, key: key.values[n], activation: layer.activation)
                    }
                    graded.verdict = graded.trivialStep == nil ? .rightCarriedForward : .wrong
                } else {
                    graded.verdict = .wrong
                }
            }
            values.append(graded)
        }
        // Mistakes are recognised on the student's own earlier values, with or without carry-forward.
        // With carry-forward the replay above already ran the right formulas on the answers.
        var diagnoser = Diagnoser(key: key, replacements: bases, rightReplay: carryForward ? replay : nil)
        diagnoser.scope = diagnosisScope
        diagnoser.writesWorking = writesFeedback
        diagnoser.diagnose(&values)
        // A 0, or the weight copied digit for digit, is no attempt at a formula, even where a
        // mistake's formula comes within tolerance of it (η applied twice barely moves w).
        for n in copies { values[n].mistakes = [] }
        return GradeReport(
            values: values, fileProblem: sheet.fileProblem, notes: sheet.notes + matched.notes, carryForward: carryForward)
    }

    /// The answers later values are computed from, and why each other answer is not one:
    /// every number except the shortcuts of ``FollowThroughRule`` (rule 1); and which wrong
    /// answers are exactly 0 or exactly a weight to copy. A value's before comes from
    /// earlier steps, so the steps are taken in order, each judged on a replay of the answers
    /// kept so far.
    private func believedAnswers(
        _ numbers: [Double?], indices: [Int], plain: RecordingSink
    ) -> (bases: Replacements, shortcuts: [Int: String], copies: Set<Int>) {
        // Values the worksheet gave are the key's, whatever the student wrote.
        var bases = key.givenReplacements
        var shortcuts: [Int: String] = [:]
        var copies: Set<Int> = []
        var previousWNew: [Int: Double] = [:]  // parameter → the student's latest w_new, as written
        var replayedStep = 0
        var replay = plain
        for (n, asked) in key.asked.enumerated() {
            guard let answer = numbers[n] else { continue }
            let index = indices[n], tolerance = tolerance(for: asked.quantity)
            let followThrough = FollowThroughRule(tolerance: tolerance)
            var reason: String?
            var before: Double?
            if let place = asked.place {
                // A value of a sample's passes: rule 1 as for any value (a 0 where the value is
                // not is no attempt); it has no before to copy.
                let wrong = !tolerance.accepts(answer, expected: key.values[n])
                if wrong, let shortcut = followThrough.shortcut(answer, key: key.values[n], before: nil, keyBefore: nil) {
                    shortcuts[n] = shortcut
                } else {
                    bases.replace(place, at: asked.t, with: answer)
                }
                if wrong, answer == 0 { copies.insert(n) }
                continue
            }
            if !tolerance.accepts(answer, expected: key.values[n]) {
                if asked.quantity == .wNew, let w = bases.values[asked.t]?[.w]?[index] {
                    before = w  // the student's own w at this step
                } else if followThrough.hasBefore(asked.quantity) {
                    if replayedStep != asked.t {
                        replay = Self.replay(key.experiment, with: bases)
                        replayedStep = asked.t
                    }
                    before = followThrough.before(asked.quantity, in: replay.steps[safe: asked.t - 1], parameter: index)
                }
                reason = followThrough.shortcut(
                    answer, key: key.values[n], before: before,
                    keyBefore: followThrough.before(asked.quantity, in: plain.steps[safe: asked.t - 1], parameter: index))
            }
            // Exactly 0, or exactly a weight the student could copy: the one before (as the
            // replay has it), their own previous w_new, or the worksheet's starting weight.
            let copyable = [before, previousWNew[index], plain.steps.first?.values[.w]?[index]]
            if !tolerance.accepts(answer, expected: key.values[n]),
                answer == 0 || (asked.quantity == .wNew && copyable.contains(answer))
            {
                copies.insert(n)
            }
            if let reason {
                shortcuts[n] = reason
            } else {
                bases.replace(asked.quantity, at: asked.t, parameter: index, with: answer)
            }
            if asked.quantity == .wNew { previousWNew[index] = answer }
        }
        return (bases, shortcuts, copies)
    }

    /// The key's experiment run with `replacements`. The experiment was checked when the key
    /// was read (it runs and gives the key's values), so it cannot fail; a student's values
    /// may only make it diverge.
    static func replay(_ experiment: Experiment, with replacements: Replacements) -> RecordingSink {
        var replay = RecordingSink()
        _ = try? Engine.run(experiment, replacing: replacements, into: &replay)
        return replay
    }
}

extension Array {
    /// The element at `index`, or `nil` outside the array.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
