import ArgumentParser
import TraceGrading

/// `--expected-visibility visible|after_due_date|after_published|hidden`.
extension GradescopeResults.Visibility: ExpressibleByArgument {}
