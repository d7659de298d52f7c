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

    /// Which mistakes diagnosis tries at a wrong answer.
    enum Scope: Sendable {
        /// Every mistake that can happen in the homework: feedback's.
        case everyMistake
        /// Only mistakes in the value's own formula (not one that reaches it through values an
        /// earlier update computed), with fewer replays: what ``MistakeSeparation`` compares,
        /// which its test checks through the grader itself.
        case ownFormula
    }

    var scope = Scope.everyMistake
    /// Whether a diagnosis gets the formula the student likely used, with their numbers.
    var writesWorking = true

    /// A mistake that can happen in the key's experiment: the rules its student follows.
    private struct Candidate {
        var misconception: Misconception
        var mistaken: Misconception.MistakenRun
        /// The rule feedback shows.
        var shown: UpdateRule { mistaken.shown ?? mistaken.rule }
    }

    /// Fills in ``GradedValue/mistakes`` of every wrong value of `values`.
    ///
    /// An answer that the right formulas give from the student's own earlier answers is not
    /// a mistake in its own formula (it can be graded wrong without carry-forward): it gets
    /// no diagnosis. Each mistake's replay is run when a wrong answer first needs it.
    func diagnose(_ values: inout [GradedValue]) {
        guard values.contains(where: { $0.verdict == .wrong }) else { return }
        let right = rightReplay ?? {
            var replay = RecordingSink()
            _ = try? Engine.run(key.experiment, replacing: replacements, into: &replay)
            return replay
        }()
        let othersCanStayAtStart = othersCanStayAtStart()
        let candidates = MisconceptionCatalog.all.compactMap { misconception -> Candidate? in
            guard let mistaken = misconception.run(for: key.experiment) else { return nil }
            if mistaken.othersKeepStartingWeights, !othersCanStayAtStart { return nil }
            return Candidate(misconception: misconception, mistaken: mistaken)
        }
        var replays: [Int: RecordingSink] = [:]
        func replay(_ k: Int) -> RecordingSink {
            if let replay = replays[k] { return replay }
            let mistaken = candidates[k].mistaken
            var experiment = key.experiment
            experiment.chainRule = mistaken.chainRule
            var replay = RecordingSink()
            _ = try? Engine.run(
                experiment, rule: mistaken.rule,
                replacing: mistaken.othersKeepStartingWeights ? replacementsWithOthersAtStart() ?? replacements : replacements,
                into: &replay)
            replays[k] = replay
            return replay
        }
        let layout = key.experiment.layout
        for n in values.indices where values[n].verdict == .wrong {
            guard let answer = values[n].answer else { continue }
            let asked = values[n].asked, tolerance = values[n].tolerance
            let index = asked.place == nil ? layout.index(named: asked.parameter) : nil
            guard asked.place != nil || index != nil else { continue }
            // The right formulas from the student's own earlier values: not a mistake here.
            let rightValue = asked.place.map { $0.value(in: right, at: asked.t, computed: true) }
                ?? index.flatMap { right.computed(asked.quantity, at: asked.t, parameter: $0) }
            if let rightValue, tolerance.accepts(answer, expected: rightValue) { continue }
            for k in candidates.indices {
                let candidate = candidates[k], chainRule = candidate.mistaken.chainRule
                let inThisFormula = Self.isOwnFormula(of: candidate.mistaken, for: asked, parameter: index, in: key.experiment)
                if scope == .ownFormula, !inThisFormula { continue }
                let mistakenReplay = replay(k)
                let candidateValue = asked.place.map { $0.value(in: mistakenReplay, at: asked.t, computed: true) }
                    ?? index.flatMap { mistakenReplay.computed(asked.quantity, at: asked.t, parameter: $0) }
                guard let candidateValue, tolerance.accepts(answer, expected: candidateValue) else { continue }
                var working = ""
                if writesWorking, let place = asked.place {
                    // In its own formula, the mistaken one with the student's numbers; else the
                    // lecture's formula with the values the mistake gave earlier (the weights an
                    // update moved).
                    working = (inThisFormula
                        ? Self.passWorking(of: place, at: asked.t, in: mistakenReplay, experiment: key.experiment, variant: chainRule) : nil)
                        ?? FeedbackFormulas(replay: mistakenReplay, experiment: key.experiment).working(for: place, at: asked.t).working
                } else if writesWorking, let index {
                    // A g the student took straight from the chain rule, without the run's own
                    // equation for g (L2's g + λ₂·w left out): its working is the chain rule's.
                    let showsGradient = candidate.mistaken.othersKeepStartingWeights || key.experiment.rule.expression(of: .g) != nil
                    working = self.working(
                        of: asked, parameter: index, in: mistakenReplay, shown: candidate.shown, chainRule: chainRule,
                        showsGradient: showsGradient, value: candidateValue)
                }
                values[n].mistakes.append(GradedValue.Mistake(
                    misconception: candidate.misconception, value: candidateValue, working: working, inThisFormula: inThisFormula))
            }
        }
        preferOthersNotUpdated(&values)
        preferCoupledOrOmittedDecay(&values)
    }

    /// AdamW's decay coupled into g leaves it out of the update too, so a `w_new` from the
    /// student's own m̂ and v̂ without `− η·λ·w` is what both `adamw-coupled` and
    /// `weight-decay-omitted` give. Their student's g of the same update tells them apart,
    /// where it is asked: the coupled decay is named alone where that g is `g + λ·w` (a
    /// mistake in g's own formula, named in every scope), the decay left out alone elsewhere.
    private func preferCoupledOrOmittedDecay(_ values: inout [GradedValue]) {
        let coupled = MisconceptionCatalog.adamwCoupled.id, omitted = MisconceptionCatalog.weightDecayOmitted.id
        for n in values.indices where [coupled, omitted].allSatisfy({ id in values[n].mistakes.contains { $0.misconception.id == id } }) {
            let asked = values[n].asked
            guard asked.place == nil,
                let g = values.first(where: { $0.asked.place == nil && $0.asked.t == asked.t && $0.asked.parameter == asked.parameter && $0.asked.quantity == .g })
            else { continue }
            let dropped = g.mistakes.contains { $0.misconception.id == coupled } ? omitted : coupled
            values[n].mistakes.removeAll { $0.misconception.id == dropped }
        }
    }

    /// The student's replacements, and every parameter the homework does not ask about at its
    /// starting weight from update 2 on; `nil` where that cannot be the mistake: every
    /// parameter is asked, there is one update, or the worksheet gave g or the weights.
    private func replacementsWithOthersAtStart() -> Replacements? {
        guard othersCanStayAtStart() else { return nil }
        let experiment = key.experiment
        let asked = Set(key.asked.compactMap { experiment.layout.index(named: $0.parameter) })
        let others = (0..<experiment.layout.count).filter { !asked.contains($0) }
        let start = experiment.initialParameters
        var replacements = self.replacements
        for t in 2...experiment.steps {
            for index in others where start.indices.contains(index) {
                replacements.replace(.w, at: t, parameter: index, with: start[index])
            }
        }
        return replacements
    }

    /// Whether the formula of `asked` (of parameter `index`, for a parameter's value) is itself
    /// the mistake's, rather than the lecture's applied to values the mistake gave earlier: an
    /// equation of the update it writes otherwise, g taken with its chain rule from δ it
    /// changes, or a δ it computes otherwise.
    static func isOwnFormula(
        of mistaken: Misconception.MistakenRun, for asked: AskedValue, parameter index: Int?, in experiment: Experiment
    ) -> Bool {
        let network = experiment.network, chainRule = mistaken.chainRule
        if let place = asked.place { return chainRule.changesFormula(of: place, in: network) }
        guard let index, experiment.layout.roles.indices.contains(index) else { return false }
        let shown = mistaken.shown ?? mistaken.rule
        return experiment.rule.expression(of: asked.quantity) != shown.expression(of: asked.quantity)
            || (asked.quantity == .g && chainRule.changesGradientFormula(of: experiment.layout.roles[index], in: network))
    }

    /// Whether some parameter is not asked, there is a second update, and nothing is given:
    /// where a student can leave the other parameters at their starting weights.
    private func othersCanStayAtStart() -> Bool {
        let experiment = key.experiment
        guard key.given.isEmpty, experiment.steps >= 2 else { return false }
        let asked = Set(key.asked.map(\.parameter))
        return experiment.layout.names.contains { !asked.contains($0) }
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
