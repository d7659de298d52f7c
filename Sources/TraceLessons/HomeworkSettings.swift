/// The lesson's `homework:` section: what `trace homework` asks by default, as `--ask` and
/// `--parameter` would (each flag, when given, takes the place of its key).
public struct HomeworkSettings: Sendable, Equatable {
    /// The quantities asked, by their trace names (`z`, `a`, `delta`, `loss`, `g`, `m_hat`,
    /// `w_new`, …), as `--ask` takes them.
    public var ask: [String]?
    /// The parameters asked about, by name (`W2[1,1]`), as `--parameter` takes them.
    public var parameters: [String]?
    /// Where the section starts, for errors only the run can find (a quantity the
    /// optimizer does not have).
    public var location: SourceLocation?

    public init() {}
}
