private let w = Expression.symbol(.w), g = Expression.symbol(.g), v = Expression.symbol(.v)
private let η = Expression.symbol(.eta), β = Expression.symbol(.beta)

/// SGD with momentum: a velocity `v` that averages past gradients.
///
/// ```
/// lecture   v ← β·v + (1 − β)·g        w ← w − η·v
/// pytorch   v ← β·v + g                w ← w − η·v
/// keras     v ← β·v − η·g              w ← w + v
/// optax     v ← g + β·v                w ← w − η·v
/// ```
enum Momentum {
    /// Keras keeps η inside its velocity, the others outside their buffer: the two agree only
    /// while η is constant.
    static func velocityLimit(_ call: FrameworkCall) -> String? {
        guard call.isScheduled, (call.convention == .keras) != (call.framework == .keras) else { return nil }
        return call.framework == .keras
            ? "Keras keeps η inside its velocity (v ← β·v − η·g), so under a schedule each past gradient keeps the rate it came with; this run rescales them all"
            : "this run keeps η inside the velocity (Keras's v ← β·v − η·g), which \(call.framework.displayName)'s momentum buffer cannot do while η changes"
    }

    /// The lecture's (1 − β) goes into the framework's learning rate: η·(1 − β).
    static func lectureRateFactor(_ convention: Convention, _ hyperparameters: Hyperparameters) -> RateFactor {
        convention == .lecture ? .oneMinus(.beta) : .one
    }

    static let definition = OptimizerDefinition(
        displayName: "SGD with momentum",
        // η = 1: the lecture's first step, η·(1 − β)·g, is then gradient descent's first step at
        // its η = 0.1 (with β = 0.9), so a default run's z and a move visibly from the first
        // update; the bundled momentum lessons use η = 1 too.
        hyperparameters: [.init(.eta, default: 1), .init(.beta, default: 0.9)],
        frameworkCall: { call in
            // The lecture's (1 − β) is in the learning rate the call is given (η·(1 − β)).
            switch call.framework {
            case .pytorch: return "torch.optim.SGD(params, lr=\(call.learningRate), momentum=\(call.value(.beta)))"
            case .keras: return "keras.optimizers.SGD(learning_rate=\(call.learningRate), momentum=\(call.value(.beta)))"
            case .optax: return "optax.sgd(\(call.learningRate), momentum=\(call.value(.beta)))"
            }
        },
        frameworkLimit: velocityLimit,
        frameworkRateFactor: lectureRateFactor
    ) { convention in
        switch convention {
        case .lecture:
            return .init([Equation(.v, β * v + (1 - β) * g), Equation(.wNew, w - η * v)])
        case .pytorch:
            return .init(
                [Equation(.v, β * v + g), Equation(.wNew, w - η * v)],
                notes: [
                    "PyTorch sets v ← g at t = 1; since v starts at 0, β·v + g gives the same.",
                    "No (1 − β) factor: torch.optim.SGD(lr=η·(1−β), momentum=β) reproduces the lecture's run.",
                ])
        case .keras:
            return .init(
                [Equation(.v, β * v - η * g), Equation(.wNew, w + v)],
                notes: [
                    "Keras keeps a velocity that already holds −η: v ← β·v − η·g, then w ← w + v.",
                    "While η is constant this is PyTorch's run: Keras's v is −η times PyTorch's.",
                ])
        case .optax:
            return .init(
                [Equation(.v, g + β * v), Equation(.wNew, w - η * v)],
                notes: ["Optax's trace: v ← g + β·v, no (1 − β) factor (the same as PyTorch)."])
        }
    }
}
