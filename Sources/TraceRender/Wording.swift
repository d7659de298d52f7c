/// Small pieces of wording shared by the renderers.
enum Wording {
    /// `1 sample`, `2 samples`.
    static func counted(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
