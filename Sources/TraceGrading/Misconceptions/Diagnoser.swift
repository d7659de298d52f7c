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
        var othersKeptAtStart = false
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
            var replacements = self.replacements
            if mistaken.othersKeepStartingWeights {
                guard let frozen = replacementsWithOthersAtStart() else { return nil }
                replacements = frozen
            }
            var experiment = key.experiment
            experiment.chainRule = mistaken.chainRule
            var replay = RecordingSink()
            _ = try? Engine.run(experiment, rule: mistaken.rule, replacing: replacements, into: &replay)
            return MistakenReplay(
                misconception: misconception, replay: replay, shown: mistaken.shown ?? mistaken.rule, chainRule: mistaken.chainRule,
                othersKeptAtStart: mistaken.othersKeepStartingWeights)
        }
        let layout = key.experiment.layout, ownRule = key.experiment.rule
        for n in values.indices where values[n].verdict == .wrong {
            guard let answer = values[n].answer else { continue }
            let asked = values[n].asked, tolerance = values[n].tolerance
            if let place = asked.place {
                diagnose(&values[n], answer: answer, at: place, right: right, replays: replays)
                continue
            }
            guard let index = layout.index(named: asked.parameter) else { continue }
            let rightValue = right.computed(asked.quantity, at: asked.t, parameter: index)
            if let rightValue, tolerance.accepts(answer, expected: rightValue) { continue }
            for mistaken in replays {
                guard let candidate = mistaken.replay.computed(asked.quantity, at: asked.t, parameter: index),
                    tolerance.accepts(answer, expected: candidate)
                else { continue }
                let own = ownRule.expression(of: asked.quantity), theirs = mistaken.shown.expression(of: asked.quantity)
                let inThisFormula = own != theirs
                    || (asked.quantity == .g && mistaken.chainRule.changesGradientFormula(of: layout.roles[index]))
                values[n].mistakes.append(GradedValue.Mistake(
                    misconception: mistaken.misconception, value: candidate,
                    working: working(
                        of: asked, parameter: index, in: mistaken.replay, shown: mistaken.shown, chainRule: mistaken.chainRule,
                        showsGradient: mistaken.othersKeptAtStart, value: candidate),
                    inThisFormula: inThisFormula))
            }
        }
        preferOthersNotUpdated(&values)
    }

    /// Fills in the mistakes that give a wrong answer to a value of a sample's passes: each
    /// mistake's replay computes it from the student's own earlier values, as grading does.
    private func diagnose(
        _ value: inout GradedValue, answer: Double, at place: SamplePlace, right: RecordingSink, replays: [MistakenReplay]
    ) {
        let t = value.asked.t, tolerance = value.tolerance
        if let rightValue = place.value(in: right, at: t, computed: true), tolerance.accepts(answer, expected: rightValue) { return }
        for mistaken in replays {
            guard let candidate = place.value(in: mistaken.replay, at: t, computed: true), tolerance.accepts(answer, expected: candidate)
            else { continue }
            let inThisFormula = mistaken.chainRule.changesFormula(of: place, in: key.experiment.network)
            // In its own formula, the mistaken one with the student's numbers; else the lecture's
            // formula with the values the mistake gave earlier (the weights an update moved).
            let working = (inThisFormula
                ? Self.passWorking(of: place, at: t, in: mistaken.replay, experiment: key.experiment, variant: mistaken.chainRule) : nil)
                ?? FeedbackFormulas(replay: mistaken.replay, experiment: key.experiment).working(for: place, at: t).working
            value.mistakes.append(GradedValue.Mistake(
                misconception: mistaken.misconception, value: candidate, working: working, inThisFormula: inThisFormula))
        }
    }

    /// The student's replacements, and every parameter the homework does not ask about at its
    /// starting weight from update 2 on; `nil` where that cannot be the mistake: every
    /// parameter is asked, there is one update, or the worksheet gave g or the weights.
    private func replacementsWithOthersAtStart() -> Replacements? {
        let experiment = key.experiment
        guard key.given.isEmpty, experiment.steps >= 2 else { return nil }
        let asked = Set(key.asked.compactMap { experiment.layout.index(named: $0.parameter) })
        let others = (0..<experiment.layout.count).filter { !asked.contains($0) }
        guard !others.isEmpty else { return nil }
        let start = experiment.initialParameters
        var replacements = self.replacements
        for t in 2...experiment.steps {
            for index in others where start.indices.contains(index) {
                replacements.replace(.w, at: t, parameter: index, with: start[index])
            }
        }
        return replacements
    }

    /// A wrong g(t) that "other parameters not updated" explains is often explained, to g's
    /// tolerance, by a mistake in an earlier update that moved the other parameters little
    /// (η applied twice moves them by about η² instead of η): both put g(t) near the starting
    /// weights. Such an earlier-update mistake is named only when the student's own answers
    /// show it at an earlier update (in a value other than g, or in g's own formula); then
    /// it is named instead of this one. Otherwise the simpler explanation is named alone.
    /// Mistakes in g's own formula (the batch summed, σ(z) as the slope) stay either way.
    private func preferOthersNotUpdated(_ values: inout [GradedValue]) {
        let othersID = MisconceptionCatalog.othersNotUpdated.id
        for n in values.indices where values[n].asked.quantity == .g && values[n].mistakes.contains(where: { $0.misconception.id == othersID }) {
            let t = values[n].asked.t
            var shown: Set<String> = []
            for value in values where value.asked.t < t {
                for mistake in value.mistakes where value.asked.quantity != .g || mistake.inThisFormula {
                    shown.insert(mistake.misconception.id)
                }
            }
            let earlier = values[n].mistakes.filter { !$0.inThisFormula && $0.misconception.id != othersID }
            let evidenced = Set(earlier.map(\.misconception.id)).intersection(shown)
            values[n].mistakes.removeAll { mistake in
                let id = mistake.misconception.id
                if mistake.inThisFormula { return false }
                return evidenced.isEmpty ? id != othersID : !evidenced.contains(id)
            }
        }
    }

    /// The formula the student likely used, with their numbers: `m̂(2) = m = 0.0015`.
    private func working(
        of asked: AskedValue, parameter index: Int, in replay: RecordingSink, shown rule: UpdateRule,
        chainRule: ChainRuleVariant, showsGradient: Bool = false, value: Double
    ) -> String {
        let number = FeedbackText.number
        let label = "\(asked.quantity == .wNew ? "w" : asked.quantity.unicode)(\(asked.t))"
        // A mistake in the chain rule, or in the weights it ran at: the gradient as the student
        // took it, with their δ and a.
        if asked.quantity == .g, chainRule != .standard || showsGradient, let run = replay.run,
            !rule.equations.contains(where: { $0.target == .g }), let step = replay.step(at: asked.t, showingComputed: .g)
        {
            if chainRule == .biasGradientTimesActivation, case let .bias(l, j) = run.layout.roles[index],
                let line = Self.biasTimesActivationWorking(layer: l, unit: j, step: step, value: value)
            {
                return line
            }
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
