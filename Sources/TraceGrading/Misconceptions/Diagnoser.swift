import TraceEngine
import TraceRender

/// Says which known mistake a wrong answer matches.
///
/// For each mistake of ``MisconceptionCatalog`` that can happen in the key's experiment, the
/// run is replayed with the student's mistaken formulas, on the student's own answers (as error
/// carried forward does: their values take the place of computed ones). A wrong answer
/// matches a mistake when it is within its tolerance of the value that replay computes. The
/// answer was already found wrong against the right formulas, so a match never hides a right
/// answer; when several mistakes give the answer, all are named.
struct Diagnoser {
    let key: AnswerKey
    let replacements: Replacements
    /// The run with the right formulas on the same replacements, when the caller has it (the
    /// grader's carry-forward replay); else it is run here.
    var rightReplay: RecordingSink?

    /// One mistake's replay, and what it gave.
    private struct MistakenReplay {
        var misconception: Misconception
        var replay: RecordingSink
        /// The rule feedback shows.
        var shown: UpdateRule
        var chainRule: ChainRuleVariant
    }

    /// Fills in ``GradedValue/mistakes`` of every wrong value of `values`.
    ///
    /// An answer that the right formulas give from the student's own earlier answers is not
    /// a mistake in its own formula (it can be graded wrong without carry-forward): it gets
    /// no diagnosis.
    func diagnose(_ values: inout [GradedValue]) {
        guard values.contains(where: { $0.verdict == .wrong }) else { return }
        let right = rightReplay ?? {
            var replay = RecordingSink()
            _ = try? Engine.run(key.experiment, replacing: replacements, into: &replay)
            return replay
        }()
        let replays = MisconceptionCatalog.all.compactMap { misconception -> MistakenReplay? in
            guard let mistaken = misconception.run(for: key.experiment) else { return nil }
            var experiment = key.experiment
            experiment.chainRule = mistaken.chainRule
            var replay = RecordingSink()
            _ = try? Engine.run(experiment, rule: mistaken.rule, replacing: replacements, into: &replay)
            return MistakenReplay(
                misconception: misconception, replay: replay, shown: mistaken.shown ?? mistaken.rule, chainRule: mistaken.chainRule)
        }
        let layout = key.experiment.layout, ownRule = key.experiment.rule
        for n in values.indices where values[n].verdict == .wrong {
            guard let answer = values[n].answer, let index = layout.index(named: values[n].asked.parameter) else { continue }
            let asked = values[n].asked, tolerance = values[n].tolerance
            let rightValue = right.computed(asked.quantity, at: asked.t, parameter: index)
            if let rightValue, tolerance.accepts(answer, expected: rightValue) { continue }
            for mistaken in replays {
                guard let candidate = mistaken.replay.computed(asked.quantity, at: asked.t, parameter: index),
                    tolerance.accepts(answer, expected: candidate)
                else { continue }
                let own = ownRule.expression(of: asked.quantity), theirs = mistaken.shown.expression(of: asked.quantity)
                let inThisFormula = own != theirs || (asked.quantity == .g && mistaken.chainRule != .standard)
                values[n].mistakes.append(GradedValue.Mistake(
                    misconception: mistaken.misconception, value: candidate,
                    working: working(
                        of: asked, parameter: index, in: mistaken.replay, shown: mistaken.shown, chainRule: mistaken.chainRule,
                        value: candidate),
                    inThisFormula: inThisFormula))
            }
        }
    }

    /// The formula the student likely used, with their numbers: `m̂(2) = m = 0.0015`.
    private func working(
        of asked: AskedValue, parameter index: Int, in replay: RecordingSink, shown rule: UpdateRule,
        chainRule: ChainRuleVariant, value: Double
    ) -> String {
        let number = FeedbackText.number
        let label = "\(asked.quantity == .wNew ? "w" : asked.quantity.unicode)(\(asked.t))"
        // A mistake in the chain rule: the gradient as the student took it, with their δ and a.
        if asked.quantity == .g, chainRule != .standard, let run = replay.run,
            !rule.equations.contains(where: { $0.target == .g }), let step = replay.step(at: asked.t, showingComputed: .g)
        {
            let line = WorkedFormulas(number: number).gradient(parameter: index, step: step, run: run, summed: chainRule == .batchSum)
            return UnicodeMath.render(line)
        }
        guard let step = replay.step(at: asked.t, showingComputed: asked.quantity),
            let k = rule.equations.firstIndex(where: { $0.target == asked.quantity })
        else { return "\(label) = \(number(value))" }
        if case let .symbol(symbol) = rule.equations[k].expression {
            return "\(label) = \(symbol.unicode) = \(number(value))"  // m̂ = m: nothing to work out
        }
        let worked = WorkedFormulas(number: number).update(parameter: index, step: step, rule: rule, symbols: true)
        return UnicodeMath.render(worked[k])
    }
}
