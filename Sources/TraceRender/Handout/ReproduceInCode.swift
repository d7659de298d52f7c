import TraceEngine

/// A handout's "Reproduce this in code" section: what to build (network, loss, batches) and,
/// for each of PyTorch, Keras and Optax, the optimizer call that gives this run's numbers,
/// or why that framework cannot.
struct ReproduceInCode {
    let experiment: Experiment

    var blocks: [Block] {
        var blocks: [Block] = [
            .heading(level: 2, text: "Reproduce this in code"),
            .mathParagraph(setup),
        ]
        for framework in FrameworkRecipe.Framework.allCases {
            switch FrameworkRecipe(framework, for: experiment).outcome {
            case let .reproduces(optimizer, scheduler):
                blocks.append(.paragraph("\(framework.displayName) gives the same numbers (up to rounding in the last digits) with:"))
                var code = "optimizer = \(optimizer)"
                if let scheduler {
                    code += "\nscheduler = \(scheduler)  # scheduler.step() after each optimizer.step()"
                }
                blocks.append(.code(language: "python", text: code))
                if framework == .keras, experiment.objective == nil {
                    blocks.append(.paragraph(
                        "On Keras's JAX backend, keras.ops.tanh and keras.ops.mean compute in float32 even on float64 tensors: use jax.numpy's for the model and the loss."))
                }
            case let .cannot(reason):
                blocks.append(.paragraph("\(framework.displayName) cannot give these numbers: \(reason)."))
            }
        }
        return blocks
    }

    /// What the optimizer is applied to: the network, the loss (typeset) and the batches, in
    /// float64, as sentences.
    private var setup: [ParagraphPart] {
        var parts: [[ParagraphPart]] = []
        if let objective = experiment.objective {
            parts.append([.text("Minimise the objective (\(objective.name)) directly from (w₁, w₂) = (\(experiment.start.map(NumberFormat.exact).joined(separator: ", "))), in float64, with the optimizer below; its gradient is the objective's own.")])
        } else {
            let network = experiment.network
            let sampleCount = experiment.data.count
            let batch = experiment.batchSize.resolved(sampleCount: sampleCount)
            let batches: String
            if let seed = experiment.shuffleSeed {
                batches = "each update takes the batch trace drew with its own generator (seed \(seed)); the JSON trace (--format json) lists every update's samples under batch"
            } else if batch == sampleCount {
                batches = sampleCount == 1 ? "every update uses the one sample" : "every update uses all \(sampleCount) samples"
            } else if batch == 1 {
                batches = "each update takes one sample, in the data's order, starting again at the first after the last"
            } else {
                batches = "the batches take \(batch) samples at a time in the data's order, starting again at the first sample after the last"
            }
            parts.append([
                .text("Build the network in float64 with the lesson's weights and biases (torch.nn.Linear stores W as [out, in], a Keras Dense kernel as [in, out]). The loss of a batch is the mean over its samples of "),
                network.loss.formulaPart, .text("; \(batches)."),
            ])
        }
        if experiment.objective == nil, experiment.network.loss == .crossEntropy {
            parts.append([.text("For the cross-entropy, give PyTorch's torch.nn.CrossEntropyLoss() the last layer's z (the logits: no softmax module) and the class numbers from 0; Keras's keras.losses.CategoricalCrossentropy() a Dense layer with activation=\"softmax\" and the one-hot rows; Optax's optax.softmax_cross_entropy(logits, labels) the logits and the one-hot rows, then the mean over the batch.")])
        }
        if experiment.objective == nil, !experiment.network.fixed.isEmpty {
            parts.append([.text("The fixed parameters keep their values: save them before each optimizer step and write them back after it (under torch.no_grad() in PyTorch), since the frameworks fix whole tensors only; the other parameters' numbers do not depend on this.")])
        }
        if let l2 = experiment.l2 {
            parts.append([.text("For L2, add 0.5·λ₂·(the sum of every weight and bias squared) to the loss, λ₂ = \(NumberFormat.exact(l2)), rather than passing weight_decay: that is the gradient g + λ₂·w this run takes, in every framework.")])
        }
        if case .reproduces = FrameworkRecipe(.pytorch, for: experiment).outcome {
            parts.append([.text("In PyTorch's call, params is the list of the network's tensors.")])
        }
        return Array(parts.joined(separator: [.text(" ")]))
    }
}
