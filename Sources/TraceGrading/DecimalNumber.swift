import TraceLessons

/// The one number grammar (``TraceLessons/DecimalNumber``), for the answers parsers: a student's
/// `0x10` or `1_0` is refused as a lesson's or a flag's would be.
typealias DecimalNumber = TraceLessons.DecimalNumber
