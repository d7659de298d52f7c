import TraceEngine

/// The worksheet's "what to compute" paragraph: where each update's g comes from.
///
/// g(t) for t ≥ 2 is the gradient at the weights after update t − 1 of *every* parameter,
/// so a sheet that asks about one weight still needs the whole network updated at each
/// step, unless the worksheet gives g, or the weights, itself (`trace homework --given`).
enum WorksheetWording {
    static func whatToCompute(experiment: Experiment, asked: [String], steps: Int, givesG: Bool, givesWeights: Bool) -> String {
        let network = experiment.objective == nil
        let names = experiment.layout.names
        let askedList = list(asked)
        if givesG {
            return "What to compute: g of \(askedList) at every update is given in the table (the gradient at the weights before that update, as the updates of every parameter leave them), so there is no \(network ? "forward or backward pass" : "gradient") to compute: from the given g, the formulas above give the rest of each update, ending with w_new. From t = 2 on, w is your own w_new of update t − 1."
        }
        if givesWeights {
            let start = network
                ? "the forward and backward pass of its batch at the weights before it: the network above at t = 1, and from t = 2 on the weights given in the table below, where the earlier updates of every parameter leave them. That gives g;"
                : "g, the gradient of L at the point before it: the start above at t = 1, and from t = 2 on the point given in the table below, where the earlier updates of both coordinates leave it;"
            return "What to compute: each update t starts with \(start) the formulas above then give the rest of the update, with the given weight as w (not your own w_new of update t − 1)."
        }
        let start = network
            ? "the forward and backward pass of its batch at the weights before it (the network above at t = 1), which gives g;"
            : "g, the gradient of L at the point before it (the start above at t = 1);"
        var text = "What to compute: each update t starts with \(start) the formulas above then give the rest of the update, ending with w_new."
        guard steps >= 2 else { return text }
        let others = names.filter { !asked.contains($0) }
        if others.isEmpty {
            text += " From t = 2 on, the weights before update t are the w_new of update t − 1."
        } else if network {
            let all = names.count == 2 ? "both \(list(names))" : "all \(names.count) parameters (\(list(names)))"
            text += " The table asks about \(askedList) only, but from t = 2 on g(t) is the gradient at the weights after update t − 1 of every parameter: update \(all) at each update, each with its own g and state and the same formulas, before the next forward pass. A g(t) taken where only \(askedList) moved is not the right one."
        } else {
            // A separable objective's g of w1 does not read w2; the others' need not be said wrong.
            text += " From t = 2 on, g(t) is the gradient at the point after update t − 1, where both coordinates took their updates (the table asks about \(askedList) only)."
        }
        return text
    }

    /// `W2[1,1]`, `W2[1,1] and b2[1]`, `W1[1,1], W1[1,2] and b1[1]`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1, let last = items.last else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + last
    }
}
