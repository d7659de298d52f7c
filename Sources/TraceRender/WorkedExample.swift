import TraceEngine

/// The lines of a step's worked example for one parameter, as plain text:
/// the gradient from the chain rule, then each equation of the rule with numbers put in.
///
/// ```
/// g = δ2[1]·a1[1] = 0.1385·0.5933 = 0.08217
/// m(1) = 0.9·0 + (1 − 0.9)·0.08217 = 0.008217
/// ```
/// Every number comes from the record; nothing is computed here.
struct WorkedExample {
    let rule: UpdateRule
    let layout: ParameterLayout
    let number: (Double) -> String

    func lines(for parameter: Int, in step: StepRecord) -> [String] {
        [gradientLine(for: parameter, in: step)]
            + rule.equations.enumerated().map { k, equation in
                let substituted = FormulaText { symbol in
                    number(step.value(of: symbol, parameter: parameter, readBy: k, in: rule))
                }
                .render(equation.expression)
                let result = number(step.values[equation.target]?[parameter] ?? .nan)
                return "\(equation.target.unicode)(\(step.t)) = \(substituted) = \(result)"
            }
    }

    /// `g = δ·a` for one sample, or its mean over the batch.
    func gradientLine(for parameter: Int, in step: StepRecord) -> String {
        let role = layout.roles[parameter]
        let symbolic: String
        let terms: [String]
        switch role {
        case let .weight(l, j, i):
            symbolic = "δ\(l)[\(j)]·a\(l - 1)[\(i)]"
            terms = step.samples.map { sample in
                "\(signed(sample.layers[l - 1].delta[j - 1]))·\(signed(sample.activation(ofLayer: l - 1)[i - 1]))"
            }
        case let .bias(l, j):
            symbolic = "δ\(l)[\(j)]"
            terms = step.samples.map { number($0.layers[l - 1].delta[j - 1]) }
        }
        let g = number(step.values[.g]?[parameter] ?? .nan)
        if terms.count == 1 {
            return "g = \(symbolic) = \(terms[0]) = \(g)"
        }
        let sum = terms.enumerated().map { $0 == 0 ? $1 : (($1.hasPrefix("-") ? "+ (\($1))" : "+ \($1)")) }
            .joined(separator: " ")
        return "g = mean of \(symbolic) over the batch = (\(sum))/\(terms.count) = \(g)"
    }

    private func signed(_ x: Double) -> String {
        let text = number(x)
        return text.hasPrefix("-") ? "(\(text))" : text
    }
}
