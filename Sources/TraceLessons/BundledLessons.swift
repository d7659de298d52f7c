/// The lessons in `lessons/`, compiled into the binary (see `scripts/embed-lessons`).
public enum BundledLessons {
    /// The lesson used when no `--lesson` is given.
    public static let defaultName = "default"

    /// Every bundled lesson's name, sorted.
    public static var names: [String] { texts.map(\.name) }

    /// The bundled lessons in the order the lecture teaches them: gradient descent and
    /// backpropagation, SGD and mini-batches, momentum, AdaGrad, RMSProp, Adam, AdamW, then
    /// the lessons that go further (L2 against decoupled decay, ε's placement, schedules,
    /// tuning, two-weight objectives) and the built-in default. A lesson missing here
    /// follows, in name order.
    public static var lectureOrder: [String] {
        let order = [
            "gradient-descent", "classic-backprop", "backprop-homework", "softmax-classification", "sgd", "mini-batch-sgd",
            "momentum", "nesterov", "adagrad", "rmsprop", "adam", "amsgrad", "adamw", "weight-decay-adam-l2", "epsilon-placement",
            "learning-rate-schedules", "hyperparameter-tuning", "quadratic-bowl", "rosenbrock", "default",
        ]
        return order.filter(names.contains) + names.filter { !order.contains($0) }
    }

    /// The YAML text of the lesson called `name`.
    public static func yaml(named name: String) -> String? {
        texts.first { $0.name == name }?.yaml
    }

    /// The bundled lesson called `name`, parsed; errors name it `bundled:NAME`.
    public static func lesson(named name: String) throws(LessonError) -> Lesson? {
        guard let yaml = yaml(named: name) else { return nil }
        return try LessonParser.parse(yaml, file: "bundled:\(name)")
    }
}
