/// How much of a run a handout shows.
public enum Detail: String, CaseIterable, Sendable {
    /// The formulas, the first update fully worked, then every update as one row of a compact
    /// table (the focus parameter's values), the figures: a lesson in a few pages.
    case summary
    /// Every update worked in full, with every parameter's table.
    case full
}
